import { Card, Divider, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG_FIELDS } from '../../api/types-360';
import type { Briefing, RecentContact } from '../../api/types-workbench';
import { formatDate, formatDateTime, formatPercent, RISK_COLORS } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { PlanAdviceSection } from './PlanAdviceSection';
import { reasonText } from './reasonText';

type Props = { briefing: Briefing; offerName: (code: string) => string | undefined };

/** Who, why now (reasons, risk, signals with evidence, key moments), plan advice, last contacts, tags. */
export function BriefingCard({ briefing, offerName }: Props) {
  const { t } = useTranslation();
  const { whyNow } = briefing;
  return (
    <Card title={t('callPanel.briefing.title')} data-testid="briefing">
      <Section title={t('callPanel.briefing.whyNow')} testId="briefing-why">
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }} data-testid="briefing-risk">
          <Typography.Text type="secondary">{t('callPanel.briefing.probability')}</Typography.Text>
          {whyNow.probability === null ? (
            <Typography.Text type="secondary">{t('callPanel.briefing.notScored')}</Typography.Text>
          ) : (
            <Typography.Text strong style={{ fontSize: 18 }}>
              {formatPercent(whyNow.probability)}
            </Typography.Text>
          )}
          {whyNow.riskBand && (
            <Tag color={RISK_COLORS[whyNow.riskBand]}>{codeLabel(t, 'riskBand', whyNow.riskBand)}</Tag>
          )}
        </Flex>
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="briefing-reasons">
          {whyNow.reasons.map((reason, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the reasons are a fixed list
            <li key={index}>{reasonText(t, reason, { offerName })}</li>
          ))}
        </ul>
      </Section>

      <Section title={t('callPanel.briefing.signals')} testId="briefing-signals">
        {whyNow.signals.length === 0 ? (
          <Typography.Text type="secondary">{t('callPanel.briefing.noSignals')}</Typography.Text>
        ) : (
          <List
            size="small"
            split={false}
            dataSource={whyNow.signals}
            renderItem={(signal) => (
              <List.Item style={{ paddingInline: 0 }} data-testid={`briefing-signal-${signal.code}`}>
                <List.Item.Meta
                  title={
                    <Flex gap={6} align="center" wrap>
                      <Tag color="volcano">{codeLabel(t, 'signal', signal.code)}</Tag>
                      <span>{signal.title}</span>
                    </Flex>
                  }
                  description={signal.evidence}
                />
              </List.Item>
            )}
          />
        )}
      </Section>

      <Section title={t('callPanel.briefing.keyMoments')} testId="briefing-moments">
        {whyNow.keyMoments.length === 0 ? (
          <Typography.Text type="secondary">{t('callPanel.briefing.noMoments')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {whyNow.keyMoments.map((moment) => (
              <div key={`${moment.code}-${moment.dueDate}`}>
                <Tag color="blue">{codeLabel(t, 'keyMoment', moment.code)}</Tag>
                <Typography.Text type="secondary">{formatDate(moment.dueDate)}</Typography.Text>
                <div>{moment.text}</div>
              </div>
            ))}
          </Flex>
        )}
      </Section>

      <Section title={t('callPanel.briefing.planAdvice')} testId="briefing-plan-advice">
        <PlanAdviceSection advice={briefing.planAdvice} offerName={offerName} />
      </Section>

      <Section title={t('callPanel.briefing.lastContacts')} testId="briefing-contacts">
        {briefing.recentContacts.length === 0 ? (
          <Typography.Text type="secondary">{t('callPanel.briefing.noContacts')}</Typography.Text>
        ) : (
          <Flex vertical gap={6}>
            {briefing.recentContacts.map((contact, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: contacts carry no id in the briefing
              <ContactLine key={index} contact={contact} />
            ))}
          </Flex>
        )}
      </Section>

      <Section title={t('callPanel.briefing.tags')} testId="briefing-tags" last>
        <AgentTagList briefing={briefing} />
      </Section>
    </Card>
  );
}

function Section(props: { title: string; testId: string; last?: boolean; children: React.ReactNode }) {
  return (
    <div data-testid={props.testId} style={{ marginBottom: props.last ? 0 : 4 }}>
      <Divider titlePlacement="start" plain style={{ marginTop: 4, marginBottom: 8 }}>
        <Typography.Text strong>{props.title}</Typography.Text>
      </Divider>
      {props.children}
    </div>
  );
}

function ContactLine({ contact }: { contact: RecentContact }) {
  const { t } = useTranslation();
  const outcome =
    contact.source === 'service'
      ? codeLabel(t, 'contactType', contact.outcome)
      : t(`dispositions.${contact.outcome}`, { defaultValue: contact.outcome });
  const bad = ['complaint', 'dissatisfaction', 'refused', 'do_not_call'].includes(contact.outcome);
  return (
    <div style={{ fontSize: 13 }}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatDateTime(contact.at)}
        </Typography.Text>
        <Tag>{t(`callPanel.briefing.source.${contact.source}`, { defaultValue: contact.source })}</Tag>
        <Tag color={bad ? 'red' : contact.outcome === 'accepted' ? 'green' : undefined}>{outcome}</Tag>
        {contact.purpose && (
          <Typography.Text type="secondary">
            {t(`callPanel.policy.${contact.purpose}`, { defaultValue: contact.purpose })}
          </Typography.Text>
        )}
        {contact.agentName && <Typography.Text type="secondary">{contact.agentName}</Typography.Text>}
      </Flex>
      {contact.summary && <div style={{ marginTop: 2 }}>{contact.summary}</div>}
    </div>
  );
}

function AgentTagList({ briefing }: { briefing: Briefing }) {
  const { t } = useTranslation();
  const { tags, who } = briefing;
  const set = TAG_FIELDS.filter((field) => tags[field]);
  return (
    <Flex vertical gap={6}>
      {set.length === 0 ? (
        <Typography.Text type="secondary">{t('callPanel.briefing.noTags')}</Typography.Text>
      ) : (
        <Flex gap={4} wrap>
          {set.map((field) => (
            <Tag key={field} color="cyan">
              {codeLabel(t, 'tagField', field)}：{codeLabel(t, `tag.${field}`, tags[field])}
            </Tag>
          ))}
        </Flex>
      )}
      {who.sceneTags.length > 0 && (
        <Flex gap={4} wrap align="center">
          <Typography.Text type="secondary">{t('callPanel.briefing.sceneTags')}</Typography.Text>
          {who.sceneTags.map((tag) => (
            <Tag key={tag}>{codeLabel(t, 'sceneTag', tag)}</Tag>
          ))}
        </Flex>
      )}
      {tags.updatedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('s360.tags.updated', { by: tags.updatedBy ?? '—', at: formatDateTime(tags.updatedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
