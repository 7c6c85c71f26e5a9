/** The list a new installation starts with; the office edits it (PUT /cases/categories/{code}). */
export const DEFAULT_CATEGORIES: { code: string; name: string; kinds: string[] }[] = [
  { code: 'teaching', name: '教学管理', kinds: ['complaint'] },
  { code: 'student_affairs', name: '学生事务', kinds: ['complaint'] },
  { code: 'dormitory', name: '宿舍管理', kinds: ['complaint'] },
  { code: 'canteen', name: '餐饮服务', kinds: ['complaint'] },
  { code: 'logistics', name: '后勤保障', kinds: ['complaint'] },
  { code: 'campus_safety', name: '校园安全', kinds: ['complaint'] },
  { code: 'network', name: '网络信息', kinds: ['complaint'] },
  { code: 'fees', name: '财务收费', kinds: ['complaint', 'application'] },
  { code: 'admissions', name: '招生考试', kinds: ['complaint', 'application'] },
  { code: 'employment', name: '就业服务', kinds: ['complaint'] },
  { code: 'personnel', name: '人事师资', kinds: ['complaint', 'application'] },
  { code: 'research', name: '科研管理', kinds: ['complaint', 'application'] },
  { code: 'disclosure', name: '信息公开', kinds: ['complaint', 'application', 'report'] },
  { code: 'other', name: '其他', kinds: ['complaint', 'application', 'report'] },
];
