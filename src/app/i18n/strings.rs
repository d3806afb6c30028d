//! The string table: one function per string, Chinese first, then English.

use super::translations;

translations! {
    app_title => "posrecon 对账", "posrecon";
    both_sides => "全部", "Both";
    home => "首页", "Home";
    import_check => "导入检查", "Import check";
    review => "对账结果", "Review";
    charts => "图表", "Charts";
    settings => "设置", "Settings";
    close => "关闭", "Close";

    // Home
    drop_here => "把银行流水和终端交易明细拖到这里", "Drop your bank statement and terminal log here";
    drop_hint => "支持 CSV、Excel、OFX、MT940、CAMT.053；哪个是银行、哪个是终端会自动识别，之后可以互换。",
        "CSV, Excel, OFX, MT940 and CAMT.053 work. Which file is the bank side is guessed from its content; you can swap it later.";
    choose_files => "选择文件…", "Choose files…";
    /// Linux without the desktop portal: rfd cannot show a file dialog.
    no_file_dialog => "这台电脑上打不开选择文件的窗口（缺少 xdg-desktop-portal）。请把银行流水和终端交易明细直接拖到窗口里。",
        "No file chooser can be opened on this computer (xdg-desktop-portal is missing). Drag the bank statement and the terminal log onto the window instead.";
    try_sample => "用示例数据试试", "Try with sample data";
    dropped_so_far => "已放入：", "Dropped so far:";
    start => "开始对账", "Reconcile";
    clear => "清除", "Clear";
    recent_files => "最近打开", "Recent files";
    no_recent_files => "还没有打开过文件。", "No files opened yet.";
    // Home, first run (no recent files, nothing in the workspace yet)
    welcome => "欢迎使用 posrecon 对账", "Welcome to posrecon";
    /// The product's one-line description (also in the desktop entry and the installers).
    app_description => "核对刷卡终端交易和银行流水，找出缺失、重复和可疑的款项。",
        "Checks your card terminal's sales against your bank statement and finds missing, duplicated and suspicious payments.";
    two_files_explained => "银行流水是店铺账户的收支明细，在网上银行的交易明细里导出（CSV 或 Excel 都可以）。终端交易明细列出刷卡终端收的每一笔款，在收单机构的商户服务平台下载，或者使用终端的结算报表。",
        "The bank statement lists the money in and out of the shop's account: export it from your bank's online banking (CSV or Excel). The terminal log lists every card payment the terminal took: download it from your acquirer's merchant portal, or use the terminal's settlement report.";
    first_run_hint => "第一次使用？先用示例数据看看对账结果是什么样子。", "First time? Try the sample data to see what a reconciliation looks like.";
    privacy_note => "所有数据只在本机处理，不会上传。导入的文件不会被修改。",
        "Everything stays on this computer; nothing is uploaded. Your files are never modified.";
    pick_files => "选择银行流水和终端交易明细", "Choose the bank statement and the terminal log";
    statements_and_logs => "流水和交易明细", "Statements and logs";
    sample_not_found => "找不到示例数据（sample-data 文件夹）。", "The sample data (the sample-data folder) was not found.";
    nothing_loaded => "还没有对账数据", "Nothing reconciled yet";
    nothing_loaded_hint => "先在首页放入银行流水和终端交易明细，或者用示例数据试试。",
        "Drop a bank statement and a terminal log on the home screen, or try the sample data.";

    // Progress and export
    matching => "正在对账…", "Matching…";
    exporting => "正在导出…", "Exporting…";
    export => "导出报告", "Export report";
    exported_to => "报告已保存：", "Report saved to";
    export_failed => "导出失败：", "Export failed:";

    // Import check
    import_check_hint => "请确认每个文件被识别为哪一方、各字段来自哪一列。读不出来的行列在下面。",
        "Check which side each file was taken for and which column each field was read from. Rows that could not be read are listed below.";
    skip_bad_rows => "跳过读不出来的行", "Skip rows that cannot be read";
    read_again => "重新读取", "Read again";
    continue_to_review => "查看对账结果", "Continue to review";
    read_as => "识别为：", "Read as:";
    swap_sides => "互换银行/终端", "Swap bank / terminal";
    cannot_read => "无法读取：", "Cannot read this file:";
    columns_found => "识别到的列", "Columns found";
    /// A text file whose first row is already data: the importer named its columns from their values.
    no_header_row_guessed => "这个文件没有表头行（第一行就是数据）。下面的日期、金额和摘要列是按内容认的，请核对。",
        "This file has no header row (its first row is already data). The date, amount and description columns below were guessed from the values: check them.";
    /// A table whose column names are in words the app does not know.
    columns_guessed => "没有认出这些列名。下面的日期、金额和摘要列是按内容建议的，请核对。",
        "These column names were not recognised. The date, amount and description columns below are suggested from the values: check them.";
    use_these_columns => "按这些列读取", "Read with these columns";
    not_found => "未找到", "not found";
    /// After a column name: the column holds the date and the time together.
    date_and_time => "（日期+时间）", " (date + time)";
    /// After an amount column name: its sign comes from the 收/支 column.
    signed_by_direction => "（按收/支列定正负）", " (sign from the in/out column)";
    first_rows => "前几行", "First rows";
    rows_not_read => "读不出来的行", "Rows that could not be read";
    layout_name_hint => "给这种文件格式起个名字", "A name for this file layout";
    save_layout => "保存列设置，下次自动使用", "Save this layout for next time";
    layout_saved => "列设置已保存：", "Layout saved:";

    // Review: cards, filters, table
    in_batches => "批量结算中", "In settlements";
    missing_in_bank => "银行缺失", "Missing in bank";
    missing_in_terminal => "终端缺失", "Missing in terminal";
    duplicates => "重复", "Duplicates";
    suspicious_high => "高风险", "High risk";
    suspicious_medium => "中风险", "Medium risk";
    suspicious_low => "低风险", "Low risk";
    fee_rate => "实际费率", "fee rate";
    fees => "手续费", "Fees";
    search_hint => "搜索参考号、卡号、金额（/）", "Search reference, card, amount (/)";
    all_rules => "全部规则", "All rules";
    side_by_side => "并排显示对方", "Side by side";
    unified => "合并显示", "Unified";
    side_column => "来源", "Side";
    time_column => "时间", "Time";
    amount_column => "金额", "Amount";
    status_column => "状态", "Status";
    reference_column => "参考号 / 说明", "Reference";
    counterpart_column => "对方记录", "Counterpart";
    findings_column => "发现的问题", "Findings";
    no_rows_match => "没有符合条件的记录", "No rows match";
    no_rows_match_hint => "换一个筛选卡片或清空搜索框试试。", "Pick another card or clear the search box.";

    // Detail pane
    row_gone => "这条记录已不存在", "This row is gone";
    where_from => "出处", "From";
    terminal_id => "终端号", "Terminal ID";
    merchant_id => "商户号", "Merchant ID";
    card => "卡号", "Card";
    description => "摘要", "Description";
    fee => "手续费", "Fee";
    settlement_batch => "结算批次", "Settlement batch";
    batch_id => "批次", "Batch";
    gross => "交易总额", "Gross";
    expected => "应结算", "Expected";
    paid => "实际到账", "Paid";
    difference => "差额", "Difference";
    tied_by => "对应依据", "Tied by";
    calendar_label => "结算日历（节假日不计入 T+N）", "Settlement calendar (holidays do not count in T+N)";
    counterparts => "对应记录", "Counterparts";
    reviewed => "已确认", "Reviewed";
    accept => "确认无误", "Accept";
    candidates => "可能对应的记录", "Possible counterparts";
    no_candidates => "前后 3 天内对方没有未对上的记录。", "Nothing on the other side is left unpaired within 3 days.";
    same_amount => "金额相同", "Same amount";
    amount_differs_by => "金额相差", "Amount differs by";
    /// A candidate of any amount: the other side's rows left unpaired nearby, for matching by hand.
    also_unpaired => "附近同样未对上 · 金额相差", "Also unpaired nearby · differs by";
    batch_short_by => "少付的结算批次", "Settlement short by this sale:";
    show => "查看", "Show";
    match_this => "配对", "Match";
    unmatch => "取消配对", "Unmatch";
    note => "备注", "Note";
    note_hint => "写下备注，按回车保存", "Write a note, Enter saves it";
    save => "保存", "Save";
    detail_keys => "键盘：↑/↓ 或 j/k 移动 · 回车 详情 · m 配对 · u 取消配对 · a 确认 · / 搜索 · Ctrl+E 导出",
        "Keys: ↑/↓ or j/k move · Enter details · m match · u unmatch · a accept · / search · Ctrl+E export";
    explain_missing_in_bank => "终端有这笔交易，但银行流水里找不到对应的入账。", "The terminal recorded this sale, but no bank credit pays it.";
    explain_missing_in_terminal => "银行有这笔入账，但终端记录里找不到对应的交易。", "The bank booked this, but no terminal row accounts for it.";
    explain_matched => "银行和终端一一对上了。", "Terminal and bank agree on this one.";
    explain_matched_with_difference => "对上了，但金额有小差异。", "Paired, but the amounts differ slightly.";
    explain_in_batch => "这笔交易在一次批量结算里到账。", "Paid as part of one settlement credit.";
    explain_duplicate => "这是另一条记录的重复。", "This repeats another row.";
    explain_unrelated => "与刷卡收款无关（如房租、工资、现金、自己账户之间的转账、撤销或失败的交易）。", "Not a card payment (rent, salary, cash, a move between your own accounts, a declined or voided sale).";

    // Charts
    no_days => "没有可画的日期", "No days to draw";
    daily_totals => "每日终端交易额与银行结算", "Daily terminal totals and bank settlements";
    terminal_total => "终端交易额", "Terminal total";
    bank_settled => "银行结算", "Bank settled";
    days_unpaid => "未结算的日子", "Days not paid";
    fee_rate_per_day => "每日实际手续费率", "Effective fee rate per day";
    effective_rate => "实际费率", "Effective rate";
    contracted_rate => "合同费率", "Contracted rate";

    // Settings
    language_label => "界面语言", "Language";
    theme_label => "外观", "Theme";
    light => "浅色", "Light";
    dark => "深色", "Dark";
    matching_settings => "对账规则", "Matching";
    fee_rate_label => "合同手续费率（%）", "Contracted fee rate (%)";
    fee_fixed_label => "每笔固定手续费", "Fixed fee per sale";
    settlement_tolerance_label => "结算金额容差（金额）", "Settlement tolerance (amount)";
    near_amount_label => "金额相近容差（金额）", "Near-amount tolerance (amount)";
    window_before_label => "入账可提前（分钟）", "Bank may post earlier by (min)";
    window_after_label => "入账可延后（分钟）", "Bank may post later by (min)";
    delay_days_label => "合同结算天数（T+N）", "Contracted settlement delay (days)";
    open_from_label => "营业开始时间", "Opening time";
    open_to_label => "营业结束时间", "Closing time";
    terminals_label => "本店终端号", "Our terminal IDs";
    merchants_label => "本店商户号", "Our merchant IDs";
    hours_hint => "如 08:00；留空则不检查营业时间", "e.g. 08:00; empty = not checked";
    ids_hint => "用逗号分隔；留空则从数据中学习", "Comma-separated; empty = learn from the data";
    apply => "应用并重新对账", "Apply and reconcile again";
    expected_number => "应为数字，例如 0.6", "expected a number such as 0.6";
    expected_whole_number => "应为整数，例如 30", "expected a whole number such as 30";
    expected_time => "应为时间，例如 08:00", "expected a time such as 08:00";

    // Workspace and history (gui::screen::workspace, gui::screen::history)
    history => "历史记录", "History";
    open_workspace => "打开工作区…", "Open workspace…";
    no_workspace_dialog => "这台电脑上打不开选择文件的窗口（缺少 xdg-desktop-portal），不能另选工作区；仍在使用当前的工作区。命令行可以：posrecon workspace --workspace 文件 …",
        "No file chooser can be opened on this computer (xdg-desktop-portal is missing), so no other workspace can be chosen; the current one stays open. The command line can: posrecon workspace --workspace FILE …";
    new_workspace => "新建工作区…", "New workspace…";
    workspace_files => "posrecon 工作区", "posrecon workspace";
    workspace_file => "工作区：", "Workspace:";
    no_workspace => "没有打开工作区：导入的文件和所做的决定不会被保存。", "No workspace is open: imports and decisions are not kept.";
    audit_log => "审计日志：", "Audit log:";
    chain_intact => "哈希链完整", "hash chain intact";
    chain_broken_at => "哈希链断裂于记录", "hash chain BROKEN at entry";
    break_gap => "之前的记录被删除了", "entries before it were removed";
    break_previous_hash => "与前一条记录的哈希对不上（前面的记录被删除或替换）", "it does not chain to the entry before it (an entry was removed or replaced)";
    break_content => "内容与其哈希不符：写入后被改动过", "its content does not match its hash: it was changed after it was written";
    chain_ok => "完好", "intact";
    chain_broken => "已被改动", "changed";
    chain_unchecked => "无法核验", "not verifiable";
    history_time => "时间", "Time";
    history_action => "操作", "Action";
    history_detail => "内容", "Detail";
    history_chain => "哈希链", "Hash chain";
    history_empty => "还没有记录。", "Nothing recorded yet.";
    action_import => "导入文件", "Import";
    action_remove_source => "移除文件", "File removed";
    action_decision => "人工决定", "Decision";
    action_withdraw => "撤回决定", "Decision withdrawn";
    decided_match => "手工配对", "Match";
    decided_unmatch => "取消配对", "Unmatch";
    decided_accept => "确认提示", "Accept flag";
    decided_note => "备注", "Note on";
    orphaned_decisions => "所涉行已不在工作区的决定（保留，不再生效）", "Decisions whose rows are gone (kept, not applied)";
    rows_gone => "不存在的行：", "rows gone:";
    withdraw => "撤回", "Withdraw";
    rows_merged => "行已在之前导出的流水中，已合并（不重复计算）", "rows already in an earlier statement export, merged (not counted twice)";
    already_imported_as => "相同内容已导入过，未再次导入：", "the same bytes were already imported, not imported again:";
    decisions_orphaned_notice => "所涉行已不在工作区的决定（见“历史记录”）：", "Decisions whose rows are gone (see History):";
    /// A file that names no currency, with nothing on the other side to take one from.
    /// Before the currency dropdown of a file that names none.
    currency_of_file => "币种", "Currency";
    currency_assumed => "未注明币种；暂按 CNY 读取，另一方的文件注明币种后按其币种读取", "names no currency; read as CNY until the other side's files name theirs";
}
