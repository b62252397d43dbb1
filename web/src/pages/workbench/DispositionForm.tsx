import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Flex,
  Form,
  type FormInstance,
  Input,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TAG_CODES, TAG_FIELDS } from '../../api/types-360';
import {
  type AgentTags,
  type CallOffer,
  DISPOSITIONS,
  type Disposition,
  type OutcomeResult,
  REFUSAL_REASONS,
} from '../../api/types-workbench';
import { recordOutcome } from '../../api/workbench';
import { ErrorText } from '../../components/ErrorAlert';
import { codeLabel } from '../../i18n/codes';
import { ComplaintFields } from '../contacts/ComplaintFields';
import { fieldIssues } from '../contacts/logContactForm';
import { TicketRequestFields } from '../contacts/TicketRequestFields';
import { NotesLint } from './NotesLint';
import { buildOutcomeBody, changedTags, type DispositionValues } from './outcomeBody';

/** Callbacks go inside the calling window (08:00–21:00) and within 30 days, as the API requires. */
const CALL_WINDOW = { fromHour: 8, untilHour: 21 };
const CALLBACK_MAX_DAYS = 30;

type Props = {
  taskId: number;
  form: FormInstance<DispositionValues>;
  offers: CallOffer[];
  tags: AgentTags;
  canEditTags: boolean;
  /** Seconds since Dial (null before it). */
  handleSeconds: () => number | null;
  dialled: boolean;
  onSaved: (result: OutcomeResult) => void;
};

/** The seven outcomes (keys 1–7), each with exactly the fields it needs, plus notes and tags. */
export function DispositionForm(props: Props) {
  const { t } = useTranslation();
  const { form } = props;
  const disposition = Form.useWatch('disposition', form);
  const notes = Form.useWatch('notes', form) ?? '';
  const complaintTicket = Form.useWatch('complaintTicket', form) ?? true;
  const mutation = useMutation({
    mutationFn: (values: DispositionValues) => {
      const body = buildOutcomeBody(values, props.handleSeconds(), changedTags(values.tags, props.tags));
      if (!body) throw new Error(t('callPanel.outcome.choose'));
      return recordOutcome(props.taskId, body);
    },
    onSuccess: props.onSaved,
    // The complaint's problems (body.complaint.fact …) show next to their fields.
    onError: (error) => {
      const complaintIssues = fieldIssues(error).filter((issue) => issue.name[0] === 'complaint');
      form.setFields(
        complaintIssues.map((issue) => ({ name: issue.name as never, errors: [issue.message] })),
      );
    },
  });

  return (
    <Card title={t('callPanel.outcome.title')} size="small" data-testid="disposition-form">
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="outcome-error"
          title={<ErrorText error={mutation.error} />}
        />
      )}
      <Form<DispositionValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={mutation.isPending || mutation.isSuccess}
        onFinish={(values) => {
          // Saved once: Ctrl+Enter again while the next task loads must not post a second outcome.
          if (!mutation.isPending && !mutation.isSuccess) mutation.mutate(values);
        }}
      >
        <Form.Item
          name="disposition"
          rules={[{ required: true, message: t('callPanel.outcome.choose') }]}
          style={{ marginBottom: 12 }}
        >
          <DispositionPicker />
        </Form.Item>

        {disposition === 'call_back' && (
          <Form.Item
            name="callbackAt"
            label={t('callPanel.outcome.callbackAt')}
            rules={[
              { required: true, message: t('callPanel.outcome.callbackRequired') },
              {
                validator: (_, value: Dayjs | null | undefined) =>
                  !value || value.isAfter(dayjs())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('callPanel.outcome.callbackFuture'))),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5, hideDisabledOptions: true }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              data-testid="callback-at"
              disabledDate={(day) =>
                day.isBefore(dayjs(), 'day') || day.isAfter(dayjs().add(CALLBACK_MAX_DAYS, 'day'), 'day')
              }
              disabledTime={() => ({
                disabledHours: () =>
                  Array.from({ length: 24 }, (_, h) => h).filter(
                    (h) => h < CALL_WINDOW.fromHour || h >= CALL_WINDOW.untilHour,
                  ),
              })}
              presets={callbackPresets(t)}
            />
          </Form.Item>
        )}

        {disposition === 'refused' && (
          <>
            <Form.Item
              name="reason"
              label={t('callPanel.outcome.reason')}
              rules={[{ required: true, message: t('callPanel.outcome.reasonRequired') }]}
            >
              <Select
                data-testid="refusal-reason"
                options={REFUSAL_REASONS.map((reason) => ({
                  value: reason,
                  label: t(`callPanel.refusalReason.${reason}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="reasonNote" label={t('callPanel.outcome.reasonNote')}>
              <Input maxLength={500} data-testid="refusal-note" />
            </Form.Item>
          </>
        )}

        {disposition === 'accepted' && (
          <Form.Item
            name="offerCode"
            label={t('callPanel.outcome.offer')}
            rules={[{ required: true, message: t('callPanel.outcome.offerRequired') }]}
          >
            <Select
              data-testid="offer-select"
              notFoundContent={t('callPanel.offers.none')}
              options={props.offers.map((offer) => ({ value: offer.code, label: offer.name }))}
            />
          </Form.Item>
        )}

        {disposition === 'complaint' && (
          <Form.Item
            name="summary"
            label={t('callPanel.outcome.summary')}
            rules={[
              { required: true, whitespace: true, message: t('callPanel.outcome.summaryRequired') },
              { min: 2, message: t('callPanel.outcome.summaryRequired') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="complaint-summary" />
          </Form.Item>
        )}
        {disposition === 'complaint' && (
          <div data-testid="complaint-ticket-form">
            <Form.Item
              name="complaintTicket"
              valuePropName="checked"
              initialValue={true}
              style={{ marginBottom: 12 }}
            >
              <Switch
                data-testid="complaint-open-ticket"
                checkedChildren={t('contactLog.openTicket')}
                unCheckedChildren={t('contactLog.noTicket')}
              />
            </Form.Item>
            {complaintTicket && (
              <>
                <TicketRequestFields prefix={['complaint']} testPrefix="complaint" />
                <ComplaintFields prefix={['complaint']} testPrefix="complaint" />
              </>
            )}
          </div>
        )}

        {disposition === 'do_not_call' && (
          <Form.Item
            name="dncConfirm"
            valuePropName="checked"
            rules={[
              {
                validator: (_, checked: boolean | undefined) =>
                  checked
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('callPanel.outcome.dncConfirmRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="dnc-confirm">{t('callPanel.outcome.dncConfirm')}</Checkbox>
          </Form.Item>
        )}

        <Form.Item label={t('callPanel.outcome.notes')} style={{ marginBottom: 12 }}>
          <Form.Item name="notes" noStyle>
            <Input.TextArea
              rows={3}
              maxLength={2000}
              showCount
              placeholder={t('callPanel.outcome.notesPlaceholder')}
              data-testid="outcome-notes"
            />
          </Form.Item>
          <NotesLint text={notes} />
        </Form.Item>

        {props.canEditTags && <TagFields tags={props.tags} />}

        {!props.dialled && disposition !== undefined && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('callPanel.outcome.notDialedWarning')}
          </Typography.Paragraph>
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          icon={<SendOutlined />}
          loading={mutation.isPending}
          data-testid="submit-outcome"
        >
          {t('callPanel.outcome.submit')}
          <Typography.Text keyboard style={{ color: 'inherit' }}>
            Ctrl+Enter
          </Typography.Text>
        </Button>
      </Form>
    </Card>
  );
}

function callbackPresets(t: (key: string) => string) {
  const now = dayjs();
  const inAnHour = now.add(1, 'hour').minute(Math.ceil(now.minute() / 5) * 5);
  const presets = [
    { label: t('callPanel.outcome.preset.inAnHour'), value: inAnHour },
    { label: t('callPanel.outcome.preset.tomorrowMorning'), value: now.add(1, 'day').hour(10).minute(0) },
    { label: t('callPanel.outcome.preset.tomorrowEvening'), value: now.add(1, 'day').hour(19).minute(0) },
  ];
  return presets
    .map((preset) => ({ ...preset, value: preset.value.second(0).millisecond(0) }))
    .filter(
      (preset) => preset.value.hour() >= CALL_WINDOW.fromHour && preset.value.hour() < CALL_WINDOW.untilHour,
    );
}

type PickerProps = { value?: Disposition; onChange?: (value: Disposition) => void };

/** One button per outcome, numbered by its shortcut. */
function DispositionPicker({ value, onChange }: PickerProps) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} wrap role="radiogroup" aria-label={t('callPanel.outcome.title')}>
      {DISPOSITIONS.map((code, index) => (
        <Button
          key={code}
          role="radio"
          aria-checked={value === code}
          type={value === code ? 'primary' : 'default'}
          danger={code === 'do_not_call' || code === 'complaint'}
          onClick={() => onChange?.(code)}
          data-testid={`disposition-${code}`}
        >
          <Typography.Text type="secondary" style={{ color: 'inherit', opacity: 0.7 }}>
            {index + 1}
          </Typography.Text>
          {t(`dispositions.${code}`)}
        </Button>
      ))}
    </Flex>
  );
}

/** The six call tags, learned on the call: sent with the outcome when changed (owner only). */
function TagFields({ tags }: { tags: AgentTags }) {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      items={[
        {
          key: 'tags',
          label: t('callPanel.outcome.tags'),
          forceRender: true,
          children: (
            <Flex gap={8} wrap>
              {TAG_FIELDS.map((field) => (
                <Form.Item
                  key={field}
                  name={['tags', field]}
                  label={codeLabel(t, 'tagField', field)}
                  initialValue={tags[field]}
                  style={{ marginBottom: 8, minWidth: 150, flex: '1 1 150px' }}
                  normalize={(value) => value ?? null}
                >
                  <Select
                    allowClear
                    placeholder={t('s360.tags.placeholder')}
                    data-testid={`outcome-tag-${field}`}
                    options={TAG_CODES[field].map((code) => ({
                      value: code,
                      label: codeLabel(t, `tag.${field}`, code),
                    }))}
                  />
                </Form.Item>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
