using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Users;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(UserPermissions.Read).WithStandardProblems();
        read.MapGet("/", ManageUsers.List).WithName("ListUsers").WithSummary("用户列表（权限范围内）").Produces<List<UserResponse>>();
        read.MapGet("/{id:guid}", ManageUsers.Get).WithName("GetUser").WithSummary("用户详情").Produces<UserResponse>();
        read.MapGet("/export", ImportExportUsers.Export).WithName("ExportUsers").WithSummary("导出用户（Excel）").Produces<byte[]>(contentType: Infrastructure.Xlsx.ContentType);

        var write = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(UserPermissions.Write).WithStandardProblems();
        write.MapPost("/", ManageUsers.Create).WithName("CreateUser").WithSummary("新增用户").Produces<UserResponse>(StatusCodes.Status201Created);
        write.MapPut("/{id:guid}", ManageUsers.Update).WithName("UpdateUser").WithSummary("修改用户（单位、角色、范围）").Produces<UserResponse>();
        write.MapPost("/{id:guid}/disable", ManageUsers.Disable).WithName("DisableUser").WithSummary("停用用户（其会话随即失效）").Produces<UserResponse>();
        write.MapPost("/{id:guid}/enable", ManageUsers.Enable).WithName("EnableUser").WithSummary("启用用户").Produces<UserResponse>();
        write.MapPost("/{id:guid}/password", ManageUsers.ResetPassword).WithName("ResetUserPassword").WithSummary("重置用户密码").Produces(StatusCodes.Status204NoContent);
        write.MapPost("/import", ImportExportUsers.Import).WithName("ImportUsers").WithSummary("导入用户（Excel 请求体）").Produces<UserImportResult>()
            .Accepts<byte[]>(Infrastructure.Xlsx.ContentType);
    }
}
