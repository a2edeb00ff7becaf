using Airlock.Http;

namespace Airlock.Tests.Http;

public sealed class DestructiveFieldNamesTests
{
    [Theory]
    [InlineData("volumeDelete")]
    [InlineData("deleteThing")]
    [InlineData("DeleteProject")]
    [InlineData("delete_users")]
    [InlineData("bulkDELETEUsers")]
    [InlineData("serviceInstanceRemove")]
    [InlineData("dropDatabase")]
    [InlineData("purgeCache")]
    [InlineData("environmentWipe")]
    [InlineData("eraseDevice")]
    [InlineData("terminateInstances")]
    [InlineData("truncateTable")]
    [InlineData("resetDatabase")]
    [InlineData("revokeToken")]
    [InlineData("projectDestroy")]
    [InlineData("deleteMany2")]
    public void IsDestructive_DestructiveWord_IsTrue(string field)
    {
        Assert.True(DestructiveFieldNames.IsDestructive(field));
    }

    [Theory]
    [InlineData("volumeCreate")]
    [InlineData("cancelSubscription")]
    [InlineData("setDescription2")]
    [InlineData("dropdownOptionsSet")]
    [InlineData("removalsReport")]
    [InlineData("modelDelegate")]
    [InlineData("resetting")]
    public void IsDestructive_NoDestructiveWord_IsFalse(string field)
    {
        Assert.False(DestructiveFieldNames.IsDestructive(field));
    }
}
