/** The report's own Chinese wording for the codes the services use. */
export const SOURCE_LABELS: Record<string, string> = {
  city_12345: '北京市12345转办',
  campus_hotline: '校园接诉即办热线',
  web: '网站留言',
  email: '电子邮件',
  in_person: '现场来访',
  letter: '来信',
};

export const CHANNEL_LABELS: Record<string, string> = {
  disclosure_site: '信息公开网',
  university_site: '学校官网',
  college_site: '学院官网',
  wechat: '官方微信公众号',
  weibo: '微博',
  douyin: '抖音',
};

export const KIND_LABELS: Record<string, string> = {
  complaint: '诉求',
  application: '信息公开申请',
  report: '举报',
};

export const CASE_STATUS_LABELS: Record<string, string> = {
  received: '已受理',
  dispatched: '已派单',
  accepted: '已接单',
  in_progress: '办理中',
  replied: '已答复',
  registered: '已登记',
  awaiting_correction: '待补正',
  awaiting_third_party: '征求第三方意见',
  decided: '已作出答复',
  investigating: '调查中',
  concluded: '已办结调查',
  closed: '已办结',
};

export const TASK_STATUS_LABELS: Record<string, string> = {
  pending: '待提交',
  submitted: '已提交',
  reviewed: '已审核',
  approved: '已批准',
  published: '已发布',
};

export const HALF_LABELS: Record<string, string> = { spring: '上半年', autumn: '下半年' };

export const SECTION_HEADINGS = {
  overview: '一、信息公开工作概述',
  active: '二、主动公开情况',
  service: '三、服务师生和监督保障（接诉即办）',
  application: '四、依申请公开情况',
  evaluation: '五、对信息公开工作的评议情况',
  supervision: '六、举报、复议、诉讼情况',
  problems: '七、存在的主要问题和改进措施',
  catalogue: '附表：清单事项公开情况表',
} as const;

export const DEFAULT_PROBLEMS_TEXT =
  '（待信息公开办公室填写：本学年存在的主要问题和改进措施。可参考下列诉求热点。）';
