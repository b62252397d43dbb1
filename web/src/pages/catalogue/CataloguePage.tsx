import { Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { useUrlQuery } from '../../components/useUrlQuery';
import { OffersTab } from './OffersTab';
import { ScriptsTab } from './ScriptsTab';
import { SmsTemplatesTab } from './SmsTemplatesTab';

const URL_KEYS = ['tab'] as const;
const TABS = ['offers', 'scripts', 'sms'] as const;

/** Offers by the five retention rules, call scripts with the phrase check, and SMS templates. */
export function CataloguePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [values, update] = useUrlQuery(URL_KEYS);
  const canManage = can(me, 'catalogue.manage');
  const active = TABS.find((tab) => tab === values.tab) ?? 'offers';

  return (
    <Flex vertical gap={8}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('catalogue.title')}
      </Typography.Title>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(tab) => update({ tab: tab === 'offers' ? undefined : tab })}
          items={[
            {
              key: 'offers',
              label: <span data-testid="catalogue-tab-offers">{t('catalogue.tabs.offers')}</span>,
              children: <OffersTab canManage={canManage} />,
            },
            {
              key: 'scripts',
              label: <span data-testid="catalogue-tab-scripts">{t('catalogue.tabs.scripts')}</span>,
              children: <ScriptsTab canManage={canManage} />,
            },
            {
              key: 'sms',
              label: <span data-testid="catalogue-tab-sms">{t('catalogue.tabs.sms')}</span>,
              children: <SmsTemplatesTab canManage={canManage} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
