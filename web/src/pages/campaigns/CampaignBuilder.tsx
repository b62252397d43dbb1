import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Row, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCampaign, replaceCampaign, svKeys } from '../../api/supervision';
import type { Campaign } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CampaignFields } from './CampaignFields';
import {
  type CampaignFormValues,
  campaignBody,
  FORM_FIELD_OF,
  initialFormValues,
  initialRules,
  savedBody,
} from './campaignForm';
import { bodyIssues, issuesUnder } from './formIssues';
import { LaunchCampaignButton } from './LaunchCampaignButton';
import { SegmentCountPanel } from './SegmentCountPanel';
import { SegmentRulesEditor } from './SegmentRulesEditor';
import { completeRules, isComplete, type RuleDraft } from './segmentDraft';

type CampaignBuilderProps = {
  /** The draft being edited; null for a new campaign. */
  campaign: Campaign | null;
  onSaved: (campaign: Campaign) => void;
};

/** Create or edit a draft campaign: its fields, the segment rules with a live count, and launch. */
export function CampaignBuilder({ campaign, onSaved }: CampaignBuilderProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CampaignFormValues>();
  const initialValues = useMemo(() => initialFormValues(campaign), [campaign]);
  const [rules, setRules] = useState<RuleDraft[]>(() => initialRules(campaign));
  const [ruleErrors, setRuleErrors] = useState<Record<number, string>>({});
  const values = Form.useWatch([], form) ?? initialValues;
  const teamId = campaign?.teamId ?? null;

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof campaignBody>) =>
      campaign ? replaceCampaign(campaign.id, body) : createCampaign(body),
    onSuccess: (saved) => {
      void message.success(t('campaigns.builder.saved'));
      void queryClient.invalidateQueries({ queryKey: svKeys.campaigns });
      setRuleErrors({});
      onSaved(saved);
    },
    onError: (error) => {
      const issues = bodyIssues(error);
      const byRow: Record<number, string> = {};
      for (const issue of issuesUnder(issues, ['segment', 'rules'])) {
        const row = Number(issue.path[0]);
        if (Number.isInteger(row)) byRow[row] = issue.message;
      }
      setRuleErrors(byRow);
      form.setFields(
        issues.flatMap((issue) => {
          const field = FORM_FIELD_OF[issue.path[0] ?? ''];
          return field ? [{ name: field, errors: [issue.message] }] : [];
        }),
      );
    },
  });

  const handleFinish = (submitted: CampaignFormValues) => {
    const incomplete: Record<number, string> = {};
    rules.forEach((rule, index) => {
      if (!isComplete(rule)) incomplete[index] = t('campaigns.builder.ruleIncomplete');
    });
    setRuleErrors(incomplete);
    if (Object.keys(incomplete).length > 0) return;
    save.mutate(campaignBody(submitted, rules, teamId));
  };

  const dirty =
    campaign === null ||
    JSON.stringify(campaignBody(values, rules, teamId)) !== JSON.stringify(savedBody(campaign));
  const counted = completeRules(rules);

  return (
    <Form<CampaignFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={handleFinish}
      data-testid="campaign-builder"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('campaigns.builder.settings')}>
              <CampaignFields />
            </Card>
            <Card title={t('campaigns.builder.segment')}>
              <SegmentRulesEditor rules={rules} errors={ruleErrors} onChange={setRules} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('campaigns.builder.audience')} style={{ position: 'sticky', top: 16 }}>
            <SegmentCountPanel
              rules={counted}
              incompleteRules={rules.length - counted.length}
              teamId={teamId}
            />
          </Card>
        </Col>
      </Row>
      {save.isError && bodyIssues(save.error).length === 0 && (
        <ErrorAlert error={save.error} style={{ marginTop: 16 }} />
      )}
      {save.isError && bodyIssues(save.error).length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('campaigns.builder.fixFields')} />
      )}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
        <Button
          type={campaign ? 'default' : 'primary'}
          htmlType="submit"
          loading={save.isPending}
          disabled={!dirty}
          data-testid="campaign-save"
        >
          {campaign ? t('campaigns.builder.saveChanges') : t('campaigns.builder.saveDraft')}
        </Button>
        {campaign && (
          <Tooltip title={dirty ? t('campaigns.launch.saveFirst') : undefined}>
            <span>
              <LaunchCampaignButton campaign={campaign} disabled={dirty || save.isPending} />
            </span>
          </Tooltip>
        )}
      </Flex>
    </Form>
  );
}
