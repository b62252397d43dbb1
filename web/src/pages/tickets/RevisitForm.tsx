import { SmileOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerRevisit, ticketKeys } from '../../api/tickets';
import type { RevisitAnswerResult } from '../../api/types-tickets';
import { ErrorText } from '../../components/ErrorAlert';

const SCORES = [1, 2, 3, 4, 5] as const;

type Props = {
  revisitId: number;
  ticketId: number | null;
  ticketNo: string | null;
  onAnswered: (result: RevisitAnswerResult) => void;
};

/**
 * The satisfaction revisit of a closed ticket, asked on the call: a score from 1 (very dissatisfied) to 5
 * (very satisfied) and a comment. A low score reopens the ticket (the server decides by its settings).
 */
export function RevisitForm({ revisitId, ticketId, ticketNo, onAnswered }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  const answer = useMutation({
    mutationFn: (values: { score: number; comment?: string }) => {
      const comment = values.comment?.trim();
      return answerRevisit(revisitId, { score: values.score, ...(comment ? { comment } : {}) });
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      onAnswered(result);
    },
  });

  return (
    <Card
      title={
        <>
          <SmileOutlined /> {t('tickets.revisitForm.title')}
        </>
      }
      size="small"
      data-testid="revisit-form"
      data-revisit-id={revisitId}
      extra={
        ticketId !== null && (
          <Link to={`/tickets/${ticketId}`} target="_blank" data-testid="revisit-ticket-link">
            {ticketNo ?? `#${ticketId}`}
          </Link>
        )
      }
    >
      {answer.isSuccess ? (
        <Alert
          type={answer.data.reopened ? 'warning' : 'success'}
          showIcon
          data-testid="revisit-answered"
          data-reopened={answer.data.reopened ? 'true' : 'false'}
          title={
            answer.data.reopened
              ? t('tickets.revisitForm.reopened', { ticketNo: answer.data.ticketNo })
              : t('tickets.revisitForm.recorded', { score: answer.data.score ?? '—' })
          }
        />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => answer.mutate(values)}>
          {answer.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={<ErrorText error={answer.error} />}
            />
          )}
          <Form.Item
            name="score"
            label={t('tickets.revisitForm.question')}
            rules={[{ required: true, message: t('tickets.revisitForm.scoreRequired') }]}
          >
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="revisit-score">
              {SCORES.map((score) => (
                <Radio.Button key={score} value={score} data-testid={`revisit-score-${score}`}>
                  {score} {t(`tickets.revisitForm.scoreLabel.${score}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="comment" label={t('tickets.revisitForm.comment')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="revisit-comment" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="revisit-submit">
            {t('tickets.revisitForm.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
