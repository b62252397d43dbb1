import { CheckOutlined, StarFilled } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallOffer, ContactPurpose } from '../../api/types-workbench';
import { formatDate, formatYuan } from '../../format/format';

type Props = {
  offers: CallOffer[];
  /** The most an offer to this subscriber may cost; null when unknown (not scored). */
  budgetFen: number | null;
  purpose: ContactPurpose;
  /** The offer the plan chose for this call. */
  recommendedCode: string | null;
  onAccept: (offerCode: string) => void;
  /** The open ticket that holds sales offers back (the briefing's offersSuppressedBy). */
  suppressedBy?: { ticketId: number; ticketNo: string } | null;
};

/** What the call may offer, each with its cost against the subscriber's retention budget. */
export function OffersCard({ offers, budgetFen, purpose, recommendedCode, onAccept, suppressedBy }: Props) {
  const { t } = useTranslation();
  const sorted = [...offers].sort(
    (a, b) =>
      Number(b.code === recommendedCode) - Number(a.code === recommendedCode) || a.costFen - b.costFen,
  );
  return (
    <Card
      title={t('callPanel.offers.title')}
      size="small"
      data-testid="briefing-offers"
      extra={
        budgetFen !== null && (
          <Typography.Text data-testid="briefing-budget">
            {t('callPanel.offers.budget', { amount: formatYuan(budgetFen) })}
          </Typography.Text>
        )
      }
    >
      {suppressedBy && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: sorted.length === 0 ? 0 : 8 }}
          data-testid="offers-suppressed"
          data-ticket-no={suppressedBy.ticketNo}
          title={
            <>
              {t('contactLog.offersSuppressed', { ticketNo: suppressedBy.ticketNo })}{' '}
              <Link
                to={`/tickets/${suppressedBy.ticketId}`}
                target="_blank"
                data-testid="offers-suppressed-link"
              >
                {t('contactLog.openTicketLink')}
              </Link>
            </>
          }
        />
      )}
      {suppressedBy && sorted.length === 0 ? null : sorted.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={purpose === 'care' ? t('callPanel.offers.careNoOffer') : t('callPanel.offers.none')}
        />
      ) : (
        <Flex vertical gap={8}>
          {sorted.map((offer) => {
            const over = offer.withinBudget === false || (budgetFen !== null && offer.costFen > budgetFen);
            const recommended = offer.code === recommendedCode;
            return (
              <div
                key={offer.code}
                data-testid={`offer-${offer.code}`}
                style={{
                  border: `1px solid ${recommended ? '#faad14' : '#f0f0f0'}`,
                  borderRadius: 6,
                  padding: '6px 10px',
                }}
              >
                <Flex justify="space-between" align="start" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <Flex gap={4} align="center" wrap>
                      {recommended && (
                        <Tag color="gold" icon={<StarFilled />}>
                          {t('callPanel.offers.recommended')}
                        </Tag>
                      )}
                      <Typography.Text strong>{offer.name}</Typography.Text>
                      <Tag>{t(`callPanel.offers.rule.${offer.rule}`, { defaultValue: offer.rule })}</Tag>
                    </Flex>
                    {offer.description && (
                      <Typography.Paragraph
                        type="secondary"
                        ellipsis={{ rows: 2, tooltip: offer.description }}
                        style={{ margin: '2px 0 0', fontSize: 12 }}
                      >
                        {offer.description}
                      </Typography.Paragraph>
                    )}
                    <Flex gap={8} wrap style={{ fontSize: 12, marginTop: 2 }}>
                      <Typography.Text type={over ? 'danger' : undefined} style={{ fontSize: 12 }}>
                        {t('callPanel.offers.cost', { amount: formatYuan(offer.costFen) })}
                      </Typography.Text>
                      {over && <Tag color="red">{t('callPanel.offers.overBudget')}</Tag>}
                      {offer.validTo && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('callPanel.offers.validTo', { date: formatDate(offer.validTo) })}
                        </Typography.Text>
                      )}
                    </Flex>
                  </div>
                  <Tooltip title={t('callPanel.offers.accept')}>
                    <Button
                      size="small"
                      icon={<CheckOutlined />}
                      onClick={() => onAccept(offer.code)}
                      data-testid={`offer-accept-${offer.code}`}
                      aria-label={t('callPanel.offers.accept')}
                    />
                  </Tooltip>
                </Flex>
              </div>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
