import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchTeams } from '../../api/admin';
import { isApiError } from '../../api/client';
import { fetchAgentKpis } from '../../api/supervision';
import { saveTarget, TARGET_METRICS, type Target, type TargetBody } from '../../api/targets';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorText } from '../../components/ErrorAlert';

type TargetFormModalProps = {
  year: number;
  /** The target edited, or null for a new one. */
  target: Target | null;
  open: boolean;
  onClose: () => void;
};

type FormValues = {
  scope: 'team' | 'agent';
  teamId?: number;
  agentUserId?: number;
  metric: TargetBody['metric'];
  level: TargetBody['level'];
  annualValue: number;
  steps: [number, number, number, number];
};

const QUARTERS = [0, 1, 2, 3] as const;

/** Creates or edits one target: owner, metric, level, annual value and the cumulative quarterly steps. */
export function TargetFormModal({ year, target, open, onClose }: TargetFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const scope = Form.useWatch('scope', form);
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: fetchTeams,
    enabled: open && can(me, 'users.manage'),
  });
  const today = new Date().toISOString().slice(0, 10);
  const agents = useQuery({
    queryKey: ['targets', 'agents'],
    queryFn: () => fetchAgentKpis(today, today),
    enabled: open,
  });
  const teamOptions = can(me, 'users.manage')
    ? (teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))
    : me?.teamId
      ? [{ value: me.teamId, label: me.teamName ?? String(me.teamId) }]
      : [];

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const metric = values.metric;
      const annualValue = metric === 'spend_fen' ? Math.round(values.annualValue * 100) : values.annualValue;
      const body: TargetBody = {
        scope: values.scope,
        year,
        metric,
        level: values.level,
        annualValue,
        quarterSteps: values.steps.map((s) => Math.round(s * 100) / 10_000),
        ...(values.scope === 'team' ? { teamId: values.teamId } : { agentUserId: values.agentUserId }),
      };
      return saveTarget(body, target?.version ?? null);
    },
    onSuccess: () => {
      void message.success(t('targets.saved'));
      void queryClient.invalidateQueries({ queryKey: ['targets'] });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && (error.code === 'PRECONDITION_FAILED' || error.code === 'CONFLICT')) {
        void message.error(t('targets.stale'));
      }
    },
  });

  const initial: FormValues = target
    ? {
        scope: target.scope,
        teamId: target.teamId ?? undefined,
        agentUserId: target.agentUserId ?? undefined,
        metric: target.metric,
        level: target.level,
        annualValue: target.metric === 'spend_fen' ? target.annualValue / 100 : target.annualValue,
        steps: [0, 1, 2, 3].map(
          (i) => Math.round((target.quarterSteps[i] ?? 0) * 10_000) / 100,
        ) as FormValues['steps'],
      }
    : {
        scope: 'team',
        teamId: me?.teamId ?? undefined,
        metric: 'saves',
        level: 'realistic',
        annualValue: 0,
        steps: [25, 50, 75, 100],
      };

  return (
    <Modal
      open={open}
      title={target ? t('targets.edit') : t('targets.add')}
      okText={t('targets.save')}
      cancelText={t('targets.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => save.mutate(values))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="scope" label={t('targets.who')}>
          <Select
            disabled={target !== null}
            options={(['team', 'agent'] as const).map((s) => ({ value: s, label: t(`targets.scope.${s}`) }))}
          />
        </Form.Item>
        {scope === 'agent' ? (
          <Form.Item name="agentUserId" label={t('targets.agent')} rules={[{ required: true }]}>
            <Select
              disabled={target !== null}
              showSearch
              optionFilterProp="label"
              options={(agents.data?.items ?? []).map((a) => ({
                value: a.agentUserId,
                label: a.displayName,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="teamId" label={t('targets.team')} rules={[{ required: true }]}>
            <Select disabled={target !== null} options={teamOptions} />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="metric" label={t('targets.metricLabel')}>
            <Select
              disabled={target !== null}
              style={{ width: 160 }}
              options={TARGET_METRICS.map((m) => ({ value: m, label: t(`targets.metric.${m}`) }))}
            />
          </Form.Item>
          <Form.Item name="level" label={t('targets.levelLabel')}>
            <Select
              disabled={target !== null}
              style={{ width: 140 }}
              options={(['realistic', 'stretch'] as const).map((l) => ({
                value: l,
                label: t(`targets.level.${l}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="annualValue" label={t('targets.annualValue')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item label={t('targets.quarterSteps')} extra={t('targets.stepsHint')}>
          <Space>
            {QUARTERS.map((i) => (
              <Form.Item key={i} name={['steps', i]} noStyle rules={[{ required: true }]}>
                <InputNumber
                  min={0}
                  max={100}
                  addonBefore={t('targets.quarter', { q: i + 1 })}
                  style={{ width: 130 }}
                />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        {save.isError && <ErrorText error={save.error} />}
      </Form>
    </Modal>
  );
}
