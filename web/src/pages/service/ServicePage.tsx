import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toPositiveInt, useUrlQuery } from '../../components/useUrlQuery';
import { HotSpotsTab } from './hot-spots/HotSpotsTab';
import { SlaDashboard } from './sla/SlaDashboard';
import { WorkOrdersTab } from './work-orders/WorkOrdersTab';
import './serviceCharts';

const TABS = ['sla', 'hot-spots', 'work-orders'] as const;
type Tab = (typeof TABS)[number];

/** Service quality for leads and analysts: SLA against the 98% target, complaint hot spots, work orders. */
export function ServicePage() {
  const { t } = useTranslation();
  // The tab and an open work order live in the URL, so a link can point at either.
  const [query, setQuery] = useUrlQuery(['tab', 'order'] as const);
  const tab: Tab = TABS.find((candidate) => candidate === query.tab) ?? 'sla';
  const orderId = query.order ? toPositiveInt(query.order, 0) || null : null;

  return (
    <Flex vertical gap={16} data-testid="service-page">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('service.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('service.subtitle')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setQuery({ tab: key, order: null })}
        destroyOnHidden
        items={[
          {
            key: 'sla',
            label: <span data-testid="service-tab-sla">{t('service.tabs.sla')}</span>,
            children: <SlaDashboard />,
          },
          {
            key: 'hot-spots',
            label: <span data-testid="service-tab-hot-spots">{t('service.tabs.hotSpots')}</span>,
            children: <HotSpotsTab onOpenWorkOrder={(id) => setQuery({ tab: 'work-orders', order: id })} />,
          },
          {
            key: 'work-orders',
            label: <span data-testid="service-tab-work-orders">{t('service.tabs.workOrders')}</span>,
            children: <WorkOrdersTab openId={orderId} onOpen={(id) => setQuery({ order: id })} />,
          },
        ]}
      />
    </Flex>
  );
}
