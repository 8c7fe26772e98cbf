using Microsoft.AspNetCore.Identity;

namespace Chengxin.Server.Infrastructure;

/// <summary>ASP.NET Identity's refusals (a weak password, a taken name) as the 400 every form reads, on the field they concern.</summary>
public static class IdentityProblems
{
    public static IResult From(IdentityResult result, string field)
    {
        var validation = new Validation();
        foreach (var error in result.Errors)
            validation.Add(error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : field, error.Description);
        return validation.Problem();
    }
}
