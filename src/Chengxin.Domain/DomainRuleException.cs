namespace Chengxin.Domain;

/// <summary>
/// The one exception for a broken domain rule. Its message is Chinese first, for the user;
/// the server turns it into a 409 ProblemDetails in one place.
/// </summary>
public sealed class DomainRuleException(string message) : Exception(message);
