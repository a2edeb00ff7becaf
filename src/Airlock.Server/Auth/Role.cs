namespace Airlock.Server.Auth;

/// <summary>What a token may do: agents ask, approvers approve or reject, admins manage tokens and policy.</summary>
internal enum Role
{
    Agent,
    Approver,
    Admin,
}
