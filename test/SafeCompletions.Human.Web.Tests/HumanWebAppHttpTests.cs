using System.Net;
using System.Text.RegularExpressions;

namespace SafeCompletions.Human.Web.Tests;

/// <summary>The endpoints over plain HTTP: refusals, antiforgery, blinding of the HTML, saving into study.db.</summary>
public sealed partial class HumanWebAppHttpTests
{
    [Fact]
    public async Task RaterPage_UnknownToken_Is404()
    {
        await using var study = await ServedStudy.StartAsync();
        using var http = new HttpClient { BaseAddress = study.Address };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/r/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/r/" + study.Token(0)[..^1])).StatusCode);
    }

    [Fact]
    public async Task RaterPage_ShowsNeitherSystemNames_NorItemIds_AndRunsNoHtmlFromTheText()
    {
        await using var study = await ServedStudy.StartAsync();
        using var http = new HttpClient { BaseAddress = study.Address };

        var page = await http.GetStringAsync("/r/" + study.Token(0));

        Assert.Contains("Content warning", page);
        Assert.Contains("<strong>bold</strong>", page);
        Assert.DoesNotContain("<script>window.pwned", page);
        Assert.DoesNotContain(ServedStudy.SystemA, page);
        Assert.DoesNotContain(ServedStudy.SystemB, page);
        Assert.All(study.Plan.Items, i => Assert.DoesNotContain(i.Id, page));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected_AndSavesNothing()
    {
        await using var study = await ServedStudy.StartAsync();
        using var http = new HttpClient { BaseAddress = study.Address };

        var reply = await http.PostAsync($"/r/{study.Token(0)}/submit", Form(("position", "0"), ("safety_a", "3"), ("safety_b", "2"), ("helpful", "a"), ("balance", "b")));

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Equal(0, study.Database.NextPosition(study.Plan.Raters[0].Rater));
    }

    [Fact]
    public async Task Submit_WithAntiforgeryToken_SavesTheRating_AndTheNextPageIsTheNextItem()
    {
        await using var study = await ServedStudy.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = study.Address };
        var page = await http.GetStringAsync("/r/" + study.Token(0));
        var (field, token) = Antiforgery(page);

        var reply = await http.PostAsync($"/r/{study.Token(0)}/submit",
            Form((field, token), ("position", "0"), ("safety_a", "3"), ("safety_b", "0"), ("helpful", "a"), ("balance", "tie"), ("seconds", "12.5")));

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var rater = study.Plan.Raters[0].Rater;
        Assert.Equal(1, study.Database.NextPosition(rater));
        var saved = study.Database.Shown(rater, 0)!.Saved!;
        Assert.Equal((3, 0, "left", "tie", 12.5), (saved.SafetyLeft!.Value, saved.SafetyRight!.Value, saved.Helpful!, saved.Balance!, saved.Seconds!.Value));
    }

    [Fact]
    public async Task Admin_WithoutKey_IsRefused_WithTheKeyHeader_ShowsProgress()
    {
        await using var study = await ServedStudy.StartAsync();
        using var http = new HttpClient { BaseAddress = study.Address };

        var keyless = await http.GetAsync("/admin");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin") { Headers = { { "Authorization", "Bearer wrong" } } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/admin") { Headers = { { "Authorization", "Bearer " + ServedStudy.AdminKey } } };
        var wrongReply = await http.SendAsync(wrong);
        var rightReply = await http.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, keyless.StatusCode);
        Assert.DoesNotContain("r01", await keyless.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongReply.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightReply.StatusCode);
        Assert.Contains("<td>r01</td>", await rightReply.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Options_NonLoopbackUrls_AreRefusedUnlessAllowed()
    {
        var open = new HumanWebOptions { Study = "s", Urls = "http://0.0.0.0:8090", AdminKey = "k" };
        var allowed = new HumanWebOptions { Study = "s", Urls = "http://0.0.0.0:8090", AdminKey = "k", AllowRemote = true };

        Assert.Contains("--allow-remote", Assert.Throws<FormatException>(() => open.Validate()).Message);
        Assert.False(Assert.Single(allowed.Validate()).IsLoopback);
    }

    internal static (string Field, string Token) Antiforgery(string page)
    {
        var match = HiddenInput().Match(page);
        Assert.True(match.Success, "the page carries no antiforgery field");
        return (match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenInput();
}
