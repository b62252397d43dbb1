import { Typography } from 'antd';

/** The server's message under a field it rejected (nothing when the field is fine). */
export function FieldProblem({ message, testId }: { message: string | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }} data-testid={testId}>
      {message}
    </Typography.Text>
  );
}
