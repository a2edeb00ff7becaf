using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Airlock.Cli.Tests.Gateway;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Airlock.Cli.Tests.Dashboard;

/// <summary>
/// The approver's dashboard in a real browser (Debian's Chromium) against a real <c>airlock serve</c>
/// on a loopback port, with requests made by the real hook. The inbox and session-timeline tests also
/// take the screenshots the README shows (into docs/screenshots/ with AIRLOCK_UPDATE_SCREENSHOTS=1).
/// </summary>
public sealed partial class DashboardTests
{
    private const string DropInvoices = """psql "$PROD_DATABASE_URL" -c "DROP TABLE invoices" """;

    [Fact]
    public async Task Approver_ApprovesAHookRequestInTheBrowser_AndSeesTheAgentsRetryAllowedLive()
    {
        using var gateway = GatewayProcess.Start();
        var agent = gateway.HookEnvironment(gateway.CreateToken("agent", "claude-bot"));
        var alice = gateway.CreateToken("approver", "alice");
        var payload = HookPayload(DropInvoices, "Drop the legacy invoices table after the migration");

        var first = AirlockProcess.Run(["hook", "claude-code"], payload, agent);
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", first));
        var id = ApprovalId().Match(first.Stdout).Value;
        Assert.StartsWith("apr_", id, StringComparison.Ordinal);

        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, errors) = await browser.NewPageAsync(gateway.Url);
        await DashboardBrowser.SignInAsync(page, alice);

        // The request in full: the command, what Airlock understood, where, how undoable, why, who asked.
        var card = page.Locator($"article[data-approval='{id}']");
        await Expect(card.Locator("pre.action")).ToHaveTextAsync(DropInvoices.Trim());
        await Expect(card.Locator("pre.action mark")).ToHaveTextAsync("DROP TABLE invoices");
        foreach (var text in new[] { "database.drop", "irreversible", "prod", "production_destructive", "claude-bot", "claude-code", "Approvals: 0 of 1", "not verified" })
        {
            await Expect(card).ToContainTextAsync(text);
        }

        await Expect(page.Locator("#live")).ToHaveTextAsync("live");
        await Expect(page.Locator("#pending-count")).ToHaveTextAsync("1");
        await DashboardBrowser.ScreenshotAsync(page, "inbox-desktop");
        await ScreenshotAtPhoneWidthAsync(browser, gateway, alice, "/dashboard/#/inbox", $"article[data-approval='{id}']", "inbox-phone");

        // Keyboard only: type the reason, Tab to Approve, press Enter.
        Assert.Empty(await UnlabelledControlsAsync(page));
        await card.GetByLabel("Reason (recorded in the audit log)").FillAsync("legacy table, migration verified");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Approve", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#toast")).ToContainTextAsync($"Approved {id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approved, not used yet (1)" })).ToBeVisibleAsync();
        Assert.Equal("approved", ApprovalStatus(gateway, alice, id));

        // The feed is open before the agent retries: the allowed retry must arrive live, over the event stream.
        await page.GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activity" })).ToBeVisibleAsync();
        await Expect(page.Locator("li.feed-item.approve")).ToHaveCountAsync(1);
        var retry = AirlockProcess.Run(["hook", "claude-code"], payload, agent);
        Assert.Equal("allow", HookAnswer.Outcome("claude-code", retry));
        var allowed = page.Locator("li.feed-item.allow", new() { HasText = "approval_granted" });
        await Expect(allowed).ToHaveCountAsync(1);
        await Expect(page.Locator("li.feed-item").First).ToContainTextAsync("approval_granted");

        await allowed.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Session timeline" })).ToBeVisibleAsync();
        var timeline = page.Locator("ol.timeline");
        await Expect(timeline).ToContainTextAsync($"Approval {id} requested");
        await Expect(timeline).ToContainTextAsync("alice voted approve: “legacy table, migration verified”");
        await Expect(timeline).ToContainTextAsync("The grant was used by dec_");
        await Expect(timeline.Locator("li.call")).ToHaveCountAsync(2);
        var sessionUrl = new Uri(page.Url).Fragment;
        await DashboardBrowser.ScreenshotAsync(page, "session-desktop");
        await ScreenshotAtPhoneWidthAsync(browser, gateway, alice, "/dashboard/" + sessionUrl, "ol.timeline li.call", "session-phone");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AgentToken_IsRefusedAtSignIn_AndGetsNoSession()
    {
        using var gateway = GatewayProcess.Start();
        var agent = gateway.CreateToken("agent", "claude-bot");
        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, _) = await browser.NewPageAsync(gateway.Url);

        await page.GotoAsync("/");
        await page.GetByLabel("Token").FillAsync(agent);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("An agent token cannot sign in to the dashboard");
        Assert.Empty(await page.Context.CookiesAsync());
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();

        await page.GetByLabel("Token").FillAsync("alk_approver_not-a-real-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not a valid, unrevoked Airlock token");
        Assert.Empty(await page.Context.CookiesAsync());
        Assert.DoesNotContain(agent, gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChange_WithoutTheCsrfToken_IsRefused_AndTheCookieIsHttpOnlyAndStrict()
    {
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        var alice = gateway.CreateToken("approver", "alice");
        var id = GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell(DropInvoices)).Body!["approval"]!["id"]!.GetValue<string>();

        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, _) = await browser.NewPageAsync(gateway.Url);
        await DashboardBrowser.SignInAsync(page, alice);

        var cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.Equal("airlock_session", cookie.Name);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("airlock_session", await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);

        // The page's own script, minus the header: the browser sends the cookie, the gateway refuses the change.
        var withoutHeader = await FetchAsync(
            page,
            "async id => { const r = await fetch(`/v1/approvals/${id}/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }); return JSON.stringify({ status: r.status, body: await r.text() }); }", id);
        Assert.Equal(403, withoutHeader.Status);
        Assert.Contains("csrf_token_invalid", withoutHeader.Body, StringComparison.Ordinal);
        var wrongHeader = await FetchAsync(
            page,
            "async id => { const r = await fetch(`/v1/approvals/${id}/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Airlock-CSRF': 'guessed' }, body: '{}' }); return JSON.stringify({ status: r.status, body: await r.text() }); }", id);
        Assert.Equal(403, wrongHeader.Status);
        var signOut = await FetchAsync(page, "async () => { const r = await fetch('/v1/session', { method: 'DELETE' }); return JSON.stringify({ status: r.status, body: await r.text() }); }");
        Assert.Equal(403, signOut.Status);
        Assert.Equal("pending", ApprovalStatus(gateway, alice, id));

        // Right token, but sent from another site's page: refused by its Origin.
        using var handler = new HttpClientHandler { UseCookies = false };
        using var outsider = new HttpClient(handler) { BaseAddress = gateway.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/approvals/{id}/approve") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", $"airlock_session={cookie.Value}");
        request.Headers.Add("X-Airlock-CSRF", await page.EvaluateAsync<string>("fetch('/v1/session').then(r => r.json()).then(s => s.csrf)"));
        request.Headers.Add("Origin", "https://attacker.example");
        using var foreign = await outsider.SendAsync(request);
        Assert.Equal(403, (int)foreign.StatusCode);
        Assert.Equal("pending", ApprovalStatus(gateway, alice, id));

        // A form post cannot sign in (no CORS-free way to send JSON from another site).
        using var form = await outsider.PostAsync("v1/session", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = alice }));
        Assert.Equal(415, (int)form.StatusCode);
        Assert.DoesNotContain(alice, gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowSection_DoesNotReplaceTheOneNavigatedToAfterIt()
    {
        using var gateway = GatewayProcess.Start();
        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, errors) = await browser.NewPageAsync(gateway.Url);
        await DashboardBrowser.SignInAsync(page, gateway.CreateToken("approver", "alice"));

        // The inbox answers late; the audit page is asked for meanwhile and must stay.
        var inboxAnswered = new TaskCompletionSource();
        await page.RouteAsync("**/v1/approvals?status=pending*", async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
            inboxAnswered.TrySetResult();
        });
        await page.EvaluateAsync("location.hash = '#/activity'");
        await page.EvaluateAsync("location.hash = '#/inbox'");
        await page.EvaluateAsync("location.hash = '#/audit'");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await inboxAnswered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await page.WaitForTimeoutAsync(300);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approvals inbox" })).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RevokingTheToken_EndsItsDashboardSession()
    {
        using var gateway = GatewayProcess.Start();
        using var admin = gateway.Client(gateway.AdminToken);
        var alice = GatewayJson.Post(admin, "v1/tokens", new JsonObject { ["role"] = "approver", ["name"] = "alice" }).Body!;
        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, _) = await browser.NewPageAsync(gateway.Url);
        await DashboardBrowser.SignInAsync(page, alice["token"]!.GetValue<string>());

        using var revoked = await admin.DeleteAsync($"v1/tokens/{alice["id"]!.GetValue<string>()}");
        Assert.True(revoked.IsSuccessStatusCode);
        await page.GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("was revoked or has expired");
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        Assert.Equal(401, await page.EvaluateAsync<int>("fetch('/v1/approvals').then(r => r.status)"));
    }

    [Fact]
    public async Task TwoApprovers_TypedConfirmation_CoolingOff_AndCancel()
    {
        using var gateway = GatewayProcess.Start(policy: "version: 1\napprovals:\n  approvers: 2\n  confirm: target\n  cooling_off: 10m\n");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        var alice = gateway.CreateToken("approver", "alice");
        var bob = gateway.CreateToken("approver", "bob");
        var drop = GatewayJson.Shell(DropInvoices);
        var approval = GatewayJson.Post(agent, "v1/decide", drop).Body!["approval"]!;
        var id = approval["id"]!.GetValue<string>();
        var confirmText = approval["confirm_text"]!.GetValue<string>();

        await using var browser = await DashboardBrowser.LaunchAsync();
        var (alicePage, errors) = await browser.NewPageAsync(gateway.Url);
        await DashboardBrowser.SignInAsync(alicePage, alice);
        var card = alicePage.Locator($"article[data-approval='{id}']");
        var approve = card.GetByRole(AriaRole.Button, new() { Name = "Approve" });
        var confirm = card.GetByLabel($"Type “{confirmText}” to confirm");
        await Expect(approve).ToBeDisabledAsync();
        await confirm.FillAsync("orders");
        await Expect(approve).ToBeDisabledAsync();
        await confirm.FillAsync(confirmText);
        await approve.ClickAsync();
        await Expect(alicePage.Locator("#toast")).ToContainTextAsync("more approvers are needed");
        await Expect(card).ToContainTextAsync("Approvals: 1 of 2");
        await Expect(card).ToContainTextAsync("alice approved");
        await Expect(card.Locator(".note")).ToHaveTextAsync("You have approved this. It needs 1 more approver.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        var (bobPage, _) = await browser.NewPageAsync(gateway.Url, DashboardBrowser.PhoneWidth);
        await DashboardBrowser.SignInAsync(bobPage, bob);
        var bobCard = bobPage.Locator($"article[data-approval='{id}']");
        await bobCard.GetByLabel($"Type “{confirmText}” to confirm").FillAsync(confirmText);
        await bobCard.GetByRole(AriaRole.Button, new() { Name = "Add my approval" }).ClickAsync();
        await Expect(bobCard.Locator(".cooling")).ToContainTextAsync("Cooling off: the agent can use this approval in 9 min");
        // Alice's page learns of Bob's vote from the event stream, without a reload.
        await Expect(card.Locator(".cooling")).ToBeVisibleAsync();
        Assert.Equal("approve", GatewayJson.Post(agent, "v1/decide", drop).Body!["decision"]!.GetValue<string>());

        bobPage.Dialog += (_, dialog) => dialog.AcceptAsync("wrong table after all");
        await bobCard.GetByRole(AriaRole.Button, new() { Name = "Cancel this approval" }).ClickAsync();
        await Expect(bobPage.Locator("#toast")).ToContainTextAsync($"Cancelled {id}");
        Assert.Equal("cancelled", ApprovalStatus(gateway, alice, id));
        Assert.NotEqual("allow", GatewayJson.Post(agent, "v1/decide", drop).Body!["decision"]!.GetValue<string>());

        // The review link a notification carries opens the request itself, resolved or not.
        await alicePage.GotoAsync(approval["review_url"]!.GetValue<string>());
        await Expect(alicePage.GetByRole(AriaRole.Heading, new() { Name = $"Request {id}" })).ToBeVisibleAsync();
        await Expect(alicePage.Locator($"article[data-approval='{id}'] .resolved")).ToContainTextAsync("This request is cancelled by bob");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Admin_ReadsThePolicyAndAuditStatus_CreatesAndRevokesATokenInTheBrowser()
    {
        using var gateway = GatewayProcess.Start();
        await using var browser = await DashboardBrowser.LaunchAsync();
        var (page, errors) = await browser.NewPageAsync(gateway.Url);
        await DashboardBrowser.SignInAsync(page, gateway.AdminToken);
        await Expect(page.Locator(".note")).ToContainTextAsync("only approver tokens can approve");

        await page.GetByRole(AriaRole.Link, new() { Name = "Policy" }).ClickAsync();
        await Expect(page.Locator("dl.meta")).ToContainTextAsync("built-in");
        await Expect(page.Locator("pre.policy").First).ToContainTextAsync("version: 1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(page.Locator("dl.meta")).ToContainTextAsync("valid");
        await Expect(page.Locator("dl.meta")).ToContainTextAsync("SHA256:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the whole log now" }).ClickAsync();
        await Expect(page.Locator(".verify-result")).ToContainTextAsync("Verified:");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export the log as a bundle" }).ClickAsync());
        var bundle = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("{\"type\":\"bundle\"", bundle, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tokens" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("ci-bot");
        await page.GetByLabel("Scope (agents)").FillAsync("env:dev");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        var secret = await page.GetByLabel("The new token").InputValueAsync();
        Assert.StartsWith("alk_agent_", secret, StringComparison.Ordinal);
        using (var ciBot = gateway.Client(secret))
        {
            Assert.Equal(200, GatewayJson.Post(ciBot, "v1/decide", GatewayJson.Shell("ls")).Status);
        }

        Assert.Empty(await UnlabelledControlsAsync(page));
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke ci-bot" }).ClickAsync();
        await Expect(page.Locator("table.tokens")).ToContainTextAsync("revoked");
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the gateway trusts a read token for up to a second
        using (var ciBot = gateway.Client(secret))
        {
            Assert.Equal(401, GatewayJson.Post(ciBot, "v1/decide", GatewayJson.Shell("ls")).Status);
        }

        Assert.DoesNotContain(secret, gateway.Output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    private static async Task ScreenshotAtPhoneWidthAsync(DashboardBrowser browser, GatewayProcess gateway, string token, string path, string readySelector, string name)
    {
        var (phone, errors) = await browser.NewPageAsync(gateway.Url, DashboardBrowser.PhoneWidth);
        await DashboardBrowser.SignInAsync(phone, token);
        await phone.GotoAsync(path);
        await phone.Locator(readySelector).First.WaitForAsync();
        // Usable at 375 px: nothing but code blocks may scroll sideways.
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= DashboardBrowser.PhoneWidth, $"{path} is {width} px wide on a {DashboardBrowser.PhoneWidth} px screen");
        await DashboardBrowser.ScreenshotAsync(phone, name);
        await phone.Context.CloseAsync();
        Assert.Empty(errors);
    }

    /// <summary>Form controls a screen reader could not name: no label, no aria-label, no text.</summary>
    private static async Task<string[]> UnlabelledControlsAsync(IPage page) => await page.EvaluateAsync<string[]>(
        "[...document.querySelectorAll('input, select, textarea, button')].filter(e => !e.labels?.length && !e.getAttribute('aria-label') && !e.textContent.trim()).map(e => e.outerHTML)");

    private static string HookPayload(string command, string description) =>
        Payloads.With(Payloads.Load("claude-code.bash"), p =>
        {
            p["tool_input"]!["command"] = command;
            p["tool_input"]!["description"] = description;
        });

    private static string ApprovalStatus(GatewayProcess gateway, string approver, string id)
    {
        using var client = gateway.Client(approver);
        return GatewayJson.Get(client, $"v1/approvals/{id}").Body!["status"]!.GetValue<string>();
    }

    [GeneratedRegex("apr_[0-9a-f]+")]
    private static partial Regex ApprovalId();

    /// <summary>Runs a fetch in the page (with its cookies) and returns what the script reports: status and body.</summary>
    private static async Task<(int Status, string Body)> FetchAsync(IPage page, string script, object? argument = null)
    {
        var result = JsonNode.Parse(await page.EvaluateAsync<string>(script, argument))!;
        return (result["status"]!.GetValue<int>(), result["body"]!.GetValue<string>());
    }
}
