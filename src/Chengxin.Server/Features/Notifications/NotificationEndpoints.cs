using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Notifications;

public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/inbox").WithTags("Notifications").RequireAuthorization(NotificationPermissions.Inbox).WithStandardProblems();
        inbox.MapGet("/", Inbox.List).WithName("ListInbox").WithSummary("我的消息（未读在前，分页）").Produces<InboxPage>();
        inbox.MapGet("/unread-count", Inbox.Unread).WithName("InboxUnreadCount").WithSummary("我的未读消息数").Produces<UnreadCount>();
        inbox.MapPost("/{id:long}/read", Inbox.MarkRead).WithName("MarkInboxItemRead").WithSummary("标记一条消息为已读").Produces<InboxItemView>();
        inbox.MapPost("/read-all", Inbox.MarkAllRead).WithName("MarkInboxAllRead").WithSummary("全部标记为已读").Produces<UnreadCount>();

        var channels = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(NotificationPermissions.Channels)
            .RequireOfficeWideScope("外发通道和发送记录").WithStandardProblems();
        channels.MapGet("/channels", Channels.List).WithName("ListNotificationChannels").WithSummary("本办的外发通道（邮件、群机器人）")
            .Produces<List<ChannelView>>();
        channels.MapPost("/channels", Channels.Create).WithName("CreateNotificationChannel").WithSummary("新增外发通道")
            .Produces<ChannelView>(StatusCodes.Status201Created);
        channels.MapPut("/channels/{id:long}", Channels.Update).WithName("UpdateNotificationChannel").WithSummary("修改外发通道（须带读取时的版本）")
            .Produces<ChannelView>();
        channels.MapPost("/channels/{id:long}/test", Channels.Test).WithName("TestNotificationChannel").WithSummary("发送一条测试消息")
            .Produces<TestChannelResult>();
        channels.MapGet("/deliveries", Deliveries.List).WithName("ListNotificationDeliveries").WithSummary("外发记录（默认只列发送失败的）")
            .Produces<List<DeliveryView>>();
        channels.MapPost("/deliveries/{id:long}/retry", Deliveries.Retry).WithName("RetryNotificationDelivery").WithSummary("重新发送一条失败的消息")
            .Produces<DeliveryView>();
    }
}
