// The unit pickers, the units page and the campaign wizard when the tree is opened a piece at a time, and the
// campaign list's counts; merged with one line.
export default {
  unitPicker: {
    pathSep: ' / ',
    search: '输入单位名称或编码查找',
    noMatch: '没有找到匹配的单位',
    searchHint: '按名称或编码在权限范围内查找，最多显示 {limit} 个',
    childrenOf: '“{name}”的下级单位',
    tops: '顶层单位',
    subtreeNames: '按范围与类别选取，不逐一列出',
    pickSubtreeFirst: '请先选择范围单位',
  },
  campaignList: { submitted: '已报送', reviewers: '评审员' },
}
