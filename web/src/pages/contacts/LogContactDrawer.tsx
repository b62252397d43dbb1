import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Drawer, Flex, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classifyContact, logContact, ticketKeys } from '../../api/tickets';
import {
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  CONTACT_TYPES,
  type ContactDirection,
  type LogContactResult,
} from '../../api/types-tickets';
import { ErrorText } from '../../components/ErrorAlert';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { codeLabel } from '../../i18n/codes';
import { ClassifierSuggestion } from './ClassifierSuggestion';
import { ComplaintFields } from './ComplaintFields';
import { ContactLogged } from './ContactLogged';
import { buildLogContactBody, fieldIssues, type LogContactValues } from './logContactForm';
import { TicketRequestFields } from './TicketRequestFields';

type Props = {
  open: boolean;
  subscriberId: number;
  /** Set from the call panel: the contact belongs to this call task. */
  callTaskId?: number;
  /** The call panel logs outbound calls; the 360 defaults to an inbound phone contact. */
  defaultDirection?: ContactDirection;
  onClose: () => void;
  onLogged?: (result: LogContactResult) => void;
};

/**
 * Log a contact: channel, direction and the agent's note; the classifier suggests a type as they type
 * (the words that decided it marked) and pre-selects it until the agent picks one. A complaint takes the
 * four-part analysis and, by default, opens a ticket.
 */
export function LogContactDrawer(props: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={props.open}
      size={640}
      title={t('contactLog.title')}
      onClose={props.onClose}
      destroyOnHidden
      data-testid="log-contact-drawer"
    >
      {props.open && <LogContactForm {...props} />}
    </Drawer>
  );
}

function LogContactForm({ subscriberId, callTaskId, defaultDirection, onClose, onLogged }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LogContactValues>();
  // Until the agent picks a type / psychology / the ticket switch themselves, the suggestion drives them.
  const [typeChosen, setTypeChosen] = useState(false);
  const [psychologyChosen, setPsychologyChosen] = useState(false);
  const [ticketToggled, setTicketToggled] = useState(false);

  const note = Form.useWatch('note', form) ?? '';
  const type = Form.useWatch('type', form);
  const openTicket = Form.useWatch('openTicket', form) ?? false;
  const settledNote = useDebouncedValue(note.trim(), 500);
  const classification = useQuery({
    queryKey: ['contacts', 'classify', settledNote],
    queryFn: () => classifyContact(settledNote),
    enabled: settledNote.length >= 2,
    placeholderData: (previous) => previous,
    staleTime: 5 * 60_000,
  });
  const suggestion = settledNote.length >= 2 ? classification.data : undefined;

  useEffect(() => {
    if (!suggestion) return;
    if (!typeChosen) form.setFieldValue('type', suggestion.type);
    if (!psychologyChosen && suggestion.psychology) {
      form.setFieldValue('complaintPsychology', suggestion.psychology.tag);
    }
  }, [suggestion, typeChosen, psychologyChosen, form]);

  const complaint = type === 'complaint';
  useEffect(() => {
    if (!ticketToggled) form.setFieldValue('openTicket', complaint);
  }, [complaint, ticketToggled, form]);

  const save = useMutation({
    mutationFn: (values: LogContactValues) =>
      logContact(subscriberId, buildLogContactBody(values, suggestion?.type, callTaskId)),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['subscribers', '360', subscriberId] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.contacts(subscriberId) });
      if (result.ticket) void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      onLogged?.(result);
    },
    onError: (error) => {
      form.setFields(
        fieldIssues(error).map((issue) => ({ name: issue.name as never, errors: [issue.message] })),
      );
    },
  });

  if (save.isSuccess) {
    return <ContactLogged result={save.data} onClose={onClose} />;
  }
  // Problems the form has no field on screen for are listed at the top instead.
  const shown = new Set(['channel', 'direction', 'note', 'type']);
  if (complaint)
    for (const name of ['emotion', 'fact', 'opinion', 'claim', 'complaintPsychology']) shown.add(name);
  if (openTicket) for (const name of ['ticket.category', 'ticket.title']) shown.add(name);
  const unplaced = fieldIssues(save.error).filter((issue) => !shown.has(issue.name.join('.')));
  return (
    <Form<LogContactValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={save.isPending}
      initialValues={{
        channel: 'phone',
        direction: defaultDirection ?? 'inbound',
        note: '',
        openTicket: false,
      }}
      onFinish={(values) => save.mutate(values)}
      data-testid="log-contact-form"
    >
      {save.isError && (unplaced.length > 0 || fieldIssues(save.error).length === 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="log-contact-error"
          title={<ErrorText error={save.error} />}
        />
      )}
      <Flex gap={12} wrap>
        <Form.Item name="channel" label={t('contactLog.channel')} style={{ flex: '1 1 160px' }}>
          <Select
            data-testid="contact-channel"
            options={CONTACT_CHANNELS.map((code) => ({
              value: code,
              label: codeLabel(t, 'contactChannel', code),
              'data-testid': `contact-channel-${code}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="direction" label={t('contactLog.direction')} style={{ flex: '1 1 160px' }}>
          <Radio.Group
            optionType="button"
            data-testid="contact-direction"
            options={CONTACT_DIRECTIONS.map((code) => ({
              value: code,
              label: (
                <span data-testid={`contact-direction-${code}`}>
                  {codeLabel(t, 'contactDirection', code)}
                </span>
              ),
            }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        name="note"
        label={t('contactLog.note')}
        rules={[{ required: true, whitespace: true, message: t('contactLog.required.note') }]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('contactLog.notePlaceholder')}
          data-testid="contact-note"
        />
      </Form.Item>
      <div style={{ marginBottom: 12 }}>
        <ClassifierSuggestion
          note={note}
          classification={suggestion}
          loading={classification.isFetching}
          chosenType={typeChosen ? type : undefined}
        />
      </div>
      <Form.Item
        name="type"
        label={t('contactLog.type')}
        rules={[{ required: true, message: t('contactLog.required.type') }]}
      >
        <Radio.Group
          optionType="button"
          data-testid="contact-type"
          onChange={() => setTypeChosen(true)}
          options={CONTACT_TYPES.map((code) => ({
            value: code,
            label: <span data-testid={`contact-type-${code}`}>{codeLabel(t, 'contactType', code)}</span>,
          }))}
        />
      </Form.Item>
      {complaint && (
        <>
          <Divider titlePlacement="start" plain>
            {t('contactLog.analysisTitle')}
          </Divider>
          <ComplaintFields
            prefix={[]}
            testPrefix="contact"
            onPsychologyChosen={() => setPsychologyChosen(true)}
          />
        </>
      )}
      <Divider titlePlacement="start" plain>
        {t('contactLog.ticketTitle')}
      </Divider>
      <Form.Item name="openTicket" valuePropName="checked" style={{ marginBottom: 12 }}>
        <Switch
          data-testid="contact-open-ticket"
          checkedChildren={t('contactLog.openTicket')}
          unCheckedChildren={t('contactLog.noTicket')}
          onChange={() => setTicketToggled(true)}
        />
      </Form.Item>
      {openTicket && <TicketRequestFields prefix={['ticket']} testPrefix="contact-ticket" />}
      <Flex justify="end" gap={8}>
        <Button onClick={onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="contact-submit">
          {t('contactLog.submit')}
        </Button>
      </Flex>
      {classification.isError && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('contactLog.classifyFailed')}
        </Typography.Text>
      )}
    </Form>
  );
}
