using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>The side menu as a person uses it: an entry inside a folded group (监测, 跟踪督办) shows once its group is opened.</summary>
public static class Menu
{
    public static async Task OpenAsync(IPage page, string path)
    {
        var item = page.Locator($"[data-test='menu-{path}']");
        if (!await item.IsVisibleAsync())
        {
            var group = page.Locator($".el-sub-menu:has([data-test='menu-{path}']) > .el-sub-menu__title");
            if (await group.CountAsync() > 0)
                await group.ClickAsync();
        }
        await item.ClickAsync();
    }
}
