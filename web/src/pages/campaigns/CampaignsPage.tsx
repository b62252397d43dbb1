import { Typography } from 'antd';

// Placeholder until the page lands in this session (issue 5).
export function CampaignsPage() {
  return <Typography.Title level={3}>CampaignsPage</Typography.Title>;
}
