namespace Chengxin.Server.Features.Users;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(UserPermissions.Read);
        read.MapGet("/", ManageUsers.List).WithName("ListUsers").WithSummary("用户列表（权限范围内）");
        read.MapGet("/{id:guid}", ManageUsers.Get).WithName("GetUser").WithSummary("用户详情");
        read.MapGet("/export", ImportExportUsers.Export).WithName("ExportUsers").WithSummary("导出用户（Excel）");

        var write = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(UserPermissions.Write);
        write.MapPost("/", ManageUsers.Create).WithName("CreateUser").WithSummary("新增用户");
        write.MapPut("/{id:guid}", ManageUsers.Update).WithName("UpdateUser").WithSummary("修改用户（单位、角色、范围）");
        write.MapPost("/{id:guid}/disable", ManageUsers.Disable).WithName("DisableUser").WithSummary("停用用户（其会话随即失效）");
        write.MapPost("/{id:guid}/enable", ManageUsers.Enable).WithName("EnableUser").WithSummary("启用用户");
        write.MapPost("/{id:guid}/password", ManageUsers.ResetPassword).WithName("ResetUserPassword").WithSummary("重置用户密码");
        write.MapPost("/import", ImportExportUsers.Import).WithName("ImportUsers").WithSummary("导入用户（Excel 请求体）")
            .Accepts<byte[]>(Infrastructure.Xlsx.ContentType);
    }
}
