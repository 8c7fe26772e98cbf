namespace Chengxin.Server.Infrastructure;

/// <summary>
/// A broken business rule, with a message for the user in Chinese. Thrown by rules, turned
/// into one 409 ProblemDetails by <see cref="ProblemResponses"/>. (Chengxin.Domain will carry
/// its own type of this name; once it does, the server switches to it.)
/// </summary>
public sealed class DomainRuleException(string message) : Exception(message);
