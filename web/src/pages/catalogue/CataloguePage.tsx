import { Typography } from 'antd';

// Placeholder until the page lands in this session (issue 5).
export function CataloguePage() {
  return <Typography.Title level={3}>CataloguePage</Typography.Title>;
}
