import { Typography } from 'antd';

// Placeholder until the page lands in this session (issue 5).
export function WorkbenchPage() {
  return <Typography.Title level={3}>WorkbenchPage</Typography.Title>;
}
