// Domain vocabularies kept as text columns with CHECK-free enums in TypeScript: adding a value is a
// code change, not a migration, and both engines (PGlite 18, PostgreSQL 15) treat text identically.
export const BRANDS = ['gotone', 'mzone', 'easyown'] as const; // 全球通 / 动感地带 / 神州行
export type Brand = (typeof BRANDS)[number];

export const SUBSCRIBER_STATUSES = ['active', 'arrears_suspended', 'churned'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const VIP_LEVELS = ['none', 'silver', 'gold', 'platinum', 'diamond'] as const;
export type VipLevel = (typeof VIP_LEVELS)[number];

export const GENDERS = ['M', 'F'] as const;

export const SCENE_TAGS = ['family', 'business_traveller', 'student'] as const;

export const CONTRACT_KINDS = ['handset', 'plan_commitment', 'broadband', 'prepay'] as const;
export const CONTRACT_STATUSES = ['active', 'ended', 'cancelled'] as const;

export const CONTACT_CHANNELS = ['phone', 'sms', 'app', 'hall', 'web'] as const;
export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CONTACT_TYPES = [
  'consultation',
  'suggestion',
  'dissatisfaction',
  'complaint',
  'business',
  'harassment',
] as const;

export const COMPLAINT_STATUSES = ['open', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const USER_ROLES = ['admin', 'lead', 'agent', 'analyst', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];
