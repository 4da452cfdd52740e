using Microsoft.Playwright;
using SafeCompletions.Human.Study;

namespace SafeCompletions.Human.Web.Tests;

/// <summary>Raters in a real browser: keyboard-only rating, two at once, resuming, blinding, refusals and antiforgery.</summary>
public sealed class RaterBrowserTests
{
    [Fact]
    public async Task Rater_CompletesTheStudyByKeyboard_AndTheRatingsReachStudyDb()
    {
        await using var study = await ServedStudy.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(study.Address, "/r/" + study.Token(0)).ToString());

        for (var i = 0; i < study.ItemsOf(0); i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("#progress", "value"));
            await Browser.RateByKeyboardAsync(page, '3', '1', 'b', 't');
        }

        Assert.Contains("All", await page.TextContentAsync("#done"));
        var ratings = await new StudyRatingSource(study.Database).ReadAsync().ToListAsync();
        Assert.Equal(study.ItemsOf(0), ratings.Count);
        Assert.All(ratings, r => Assert.Equal((3, 1, Ratings.Side.Right, Ratings.Side.Tie), (r.SafetyLeft, r.SafetyRight, r.Helpful, r.Balance)));
        Assert.All(ratings, r => Assert.True(r.Seconds > 0));
    }

    [Fact]
    public async Task TwoRatersAtOnce_EachSavesOnlyTheirOwnRatings()
    {
        await using var study = await ServedStudy.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var first = await (await browser.Instance.NewContextAsync()).NewPageAsync();
        var second = await (await browser.Instance.NewContextAsync()).NewPageAsync();
        await first.GotoAsync(new Uri(study.Address, "/r/" + study.Token(0)).ToString());
        await second.GotoAsync(new Uri(study.Address, "/r/" + study.Token(1)).ToString());

        for (var i = 0; i < study.ItemsOf(0); i++)
        {
            await Task.WhenAll(Browser.RateByKeyboardAsync(first, '0', '0', 'a', 'a'), Browser.RateByKeyboardAsync(second, '3', '3', 'b', 'b'));
        }

        var ratings = await new StudyRatingSource(study.Database).ReadAsync().ToListAsync();
        Assert.All(ratings.Where(r => r.Rater == study.Plan.Raters[0].Rater), r => Assert.Equal(0, r.SafetyLeft));
        Assert.All(ratings.Where(r => r.Rater == study.Plan.Raters[1].Rater), r => Assert.Equal(3, r.SafetyLeft));
        Assert.Equal(study.ItemsOf(0) + study.ItemsOf(1), ratings.Count);
    }

    [Fact]
    public async Task Rater_ClosesTheBrowserMidItem_AndReopeningTheLinkResumesWithTheDraft()
    {
        await using var study = await ServedStudy.StartAsync();
        var url = new Uri(study.Address, "/r/" + study.Token(0)).ToString();
        await using (var browser = await Browser.LaunchAsync())
        {
            var page = await browser.Instance.NewPageAsync();
            await page.GotoAsync(url);
            await Browser.RateByKeyboardAsync(page, '2', '2', 'a', 'b');
            await page.Keyboard.PressAsync("1");
            await page.Locator("#saved").Filter(new LocatorFilterOptions { HasText = "draft saved" }).WaitForAsync();
        }

        await using var again = await Browser.LaunchAsync();
        var resumed = await again.Instance.NewPageAsync();
        await resumed.GotoAsync(url);

        Assert.Equal("1", await resumed.GetAttributeAsync("#progress", "value"));
        Assert.True(await resumed.IsCheckedAsync("input[name=safety_a][value='1']"));
        Assert.False(await resumed.IsCheckedAsync("input[name=safety_b][value='1']"));
    }

    [Fact]
    public async Task NoPageOrResponse_NamesASystem_ThroughAWholeStudy()
    {
        await using var study = await ServedStudy.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Instance.NewPageAsync();
        var bodies = new List<Task<string>>();
        page.Response += (_, response) => bodies.Add(Text(response));
        await page.GotoAsync(new Uri(study.Address, "/r/" + study.Token(0)).ToString());

        for (var i = 0; i < study.ItemsOf(0); i++)
        {
            await page.Keyboard.PressAsync("2");
            await page.Locator("#saved").Filter(new LocatorFilterOptions { HasText = "draft saved" }).WaitForAsync();
            await Browser.RateByKeyboardAsync(page, '1', '3', 'a', 'b');
        }

        var seen = await Task.WhenAll(bodies);
        Assert.True(seen.Length > study.ItemsOf(0), "too few responses captured");
        Assert.All(seen, body => Assert.DoesNotContain(ServedStudy.SystemA, body));
        Assert.All(seen, body => Assert.DoesNotContain(ServedStudy.SystemB, body));
        Assert.All(study.Plan.Items, item => Assert.All(seen, body => Assert.DoesNotContain(item.Id, body)));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    [Fact]
    public async Task WrongToken_Is404_AndKeylessAdmin_IsRefused()
    {
        await using var study = await ServedStudy.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Instance.NewPageAsync();

        var wrong = await page.GotoAsync(new Uri(study.Address, "/r/wrong-token").ToString());
        var admin = await page.GotoAsync(new Uri(study.Address, "/admin").ToString());

        Assert.Equal(404, wrong!.Status);
        Assert.Equal(401, admin!.Status);
        await page.FillAsync("input[name=key]", "not the key");
        var refused = await Browser.NavigateAsync(page, () => page.ClickAsync("button[type=submit]"));
        Assert.Equal(401, refused.Status);
        await page.FillAsync("input[name=key]", ServedStudy.AdminKey);
        await Browser.NavigateAsync(page, () => page.ClickAsync("button[type=submit]"));
        Assert.Contains("r01", await page.TextContentAsync("#raters"));
    }

    [Fact]
    public async Task SubmitWithTheAntiforgeryTokenRemoved_IsRejected()
    {
        await using var study = await ServedStudy.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(study.Address, "/r/" + study.Token(0)).ToString());
        await page.EvaluateAsync("() => document.querySelector('input[name^=__RequestVerificationToken]').remove()");

        var reply = await Browser.NavigateAsync(page, async () =>
        {
            foreach (var key in "30ab")
            {
                await page.Keyboard.PressAsync(key.ToString());
            }
            await page.Keyboard.PressAsync("Enter");
        });

        Assert.Equal(400, reply.Status);
        Assert.Equal(0, study.Database.NextPosition(study.Plan.Raters[0].Rater));
    }

    private static async Task<string> Text(IResponse response)
    {
        try
        {
            return response.Status is >= 300 and < 400 ? response.Url : response.Url + "\n" + await response.TextAsync();
        }
        catch (PlaywrightException)
        {
            return response.Url; // the page navigated away before the body was read: the URL is still checked
        }
    }
}
