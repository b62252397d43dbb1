import { Typography } from 'antd';

// Placeholder until the page lands in this session (issue 5).
export function CampaignPage() {
  return <Typography.Title level={3}>CampaignPage</Typography.Title>;
}
