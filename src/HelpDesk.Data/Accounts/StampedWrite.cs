using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// An UPDATE of a user or role guarded by its concurrency stamp (<c>WHERE … AND ConcurrencyStamp = @OldStamp</c>),
/// answered the way Identity expects: a taken unique name is the caller's duplicate error, no row changed is a
/// concurrency failure (someone saved a newer copy), one row changed is success.
/// </summary>
internal static class StampedWrite
{
    public static async Task<IdentityResult> UpdateAsync(
        DbConnection connection, CommandDefinition command, IdentityErrorDescriber describer, Func<IdentityError> duplicate)
    {
        int rows;
        try
        {
            rows = await connection.ExecuteAsync(command);
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(duplicate());
        }

        return rows == 0 ? IdentityResult.Failed(describer.ConcurrencyFailure()) : IdentityResult.Success;
    }
}
