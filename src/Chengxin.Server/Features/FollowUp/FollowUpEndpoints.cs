using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.FollowUp;

public static class FollowUpEndpoints
{
    public static void MapFollowUpEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/follow-up").WithTags("FollowUp").RequireAuthorization(FollowUpPermissions.Read).WithStandardProblems();
        read.MapGet("/reminders", ListReminders.List).WithName("ListWorkReminders").WithSummary("工作提示单（权限范围内）")
            .Produces<List<ReminderView>>();
        read.MapGet("/warnings", ListWarnings.List).WithName("ListFollowUpWarnings").WithSummary("预警（信用办看板；单位首页看本单位）")
            .Produces<List<WarningView>>();
        read.MapGet("/orders", ListOrders.List).WithName("ListSupervisionOrders").WithSummary("挂牌督办：督办单及其状态、剩余天数")
            .Produces<List<OrderView>>();
        read.MapGet("/orders/{id:long}", GetOrder.Get).WithName("GetSupervisionOrder").WithSummary("督办单及其全部过程（可作为问责线索移交的完整材料）")
            .Produces<OrderCaseView>();
        read.MapGet("/orders/{id:long}/evidence/{evidenceId:long}", DownloadOrderEvidence.Download).WithName("DownloadOrderEvidence")
            .WithSummary("下载整改佐证（一律作为附件下载）").Produces<byte[]>(contentType: "application/octet-stream");
        read.MapGet("/orders/{id:long}/document", PrintFollowUpDocument.Order).WithName("PrintSupervisionOrderDocument")
            .WithSummary("打印督办文书（kind=order 督办单、interview 约谈记录、referral 问题线索移交函含督办全过程；format=docx|pdf）；每次打印记入审计（含文件 SHA-256）")
            .Produces<byte[]>(contentType: PrintFollowUpDocument.DocxType).Produces<byte[]>(contentType: "application/pdf");
        read.MapGet("/reminders/{id:long}/document", PrintFollowUpDocument.Reminder).WithName("PrintWorkReminderDocument")
            .WithSummary("打印工作提示单（format=docx|pdf）；每次打印记入审计（含文件 SHA-256）")
            .Produces<byte[]>(contentType: PrintFollowUpDocument.DocxType).Produces<byte[]>(contentType: "application/pdf");

        var respond = app.MapGroup("/api/follow-up").WithTags("FollowUp").RequireAuthorization(FollowUpPermissions.Respond).WithStandardProblems();
        respond.MapPost("/reminders/{id:long}/acknowledge", AcknowledgeReminder.Acknowledge).WithName("AcknowledgeWorkReminder")
            .WithSummary("签收工作提示单").Produces<ReminderView>();
        respond.MapPost("/orders/{id:long}/evidence", UploadOrderEvidence.Upload).WithName("UploadOrderEvidence")
            .WithSummary("上传整改佐证（请求体为文件内容，fileName 为文件名；按内容识别类型）")
            .Accepts<byte[]>("application/octet-stream").Produces<OrderEvidenceView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        respond.MapPost("/orders/{id:long}/reply", ReplyToOrder.Reply).WithName("ReplyToSupervisionOrder")
            .WithSummary("报送整改报告（附此前上传的整改佐证）").Produces<OrderCaseView>();

        var manage = app.MapGroup("/api/follow-up").WithTags("FollowUp").RequireAuthorization(FollowUpPermissions.Manage).WithStandardProblems();
        manage.MapPost("/reminders", IssueReminder.Issue).WithName("IssueWorkReminder").WithSummary("向一个或多个单位下发工作提示单")
            .Produces<List<ReminderView>>();
        manage.MapPost("/instructions", LogInstruction.Log).WithName("LogLeaderInstruction").WithSummary("登记领导批示，并向涉及单位下发提示单")
            .Produces<InstructionView>();
        manage.MapPost("/warnings/{id:long}/clear", ClearWarning.Clear).WithName("ClearFollowUpWarning").WithSummary("解除预警（须写明理由）")
            .Produces<WarningView>();
        manage.MapPost("/orders", IssueOrder.Issue).WithName("IssueSupervisionOrder").WithSummary("下发督办单（按年度编号）")
            .Produces<OrderView>(StatusCodes.Status201Created);
        manage.MapPost("/orders/{id:long}/verify", VerifyReply.Verify).WithName("VerifyOrderReply").WithSummary("核验整改报告（通过，或不通过并写明理由）")
            .Produces<OrderCaseView>();
        manage.MapPost("/orders/{id:long}/interview", RecordInterview.Record).WithName("RecordOrderInterview")
            .WithSummary("登记约谈（逾期或核验不通过后）").Produces<OrderCaseView>();
        manage.MapPost("/orders/{id:long}/referral", ReferCase.Refer).WithName("ReferOrderCase")
            .WithSummary("向督导考核问责专班移交问题线索（约谈后仍未整改到位）").Produces<OrderCaseView>();
        manage.MapGet("/rules", ManageRules.List).WithName("ListFollowUpRules").WithSummary("提示和预警规则（按方案系列）")
            .Produces<List<RuleView>>();
        manage.MapPost("/rules", ManageRules.Create).WithName("CreateFollowUpRule").WithSummary("新增提示或预警规则")
            .Produces<RuleView>(StatusCodes.Status201Created);
        manage.MapPut("/rules/{id:long}", ManageRules.Update).WithName("UpdateFollowUpRule").WithSummary("修改规则的阈值或启停")
            .Produces<RuleView>();
        manage.MapPost("/rules/run", RunRules.Run).WithName("RunFollowUpRules").WithSummary("立即按规则检查，下发提示单、发出或解除预警")
            .Produces<RunRulesResult>();
    }
}
