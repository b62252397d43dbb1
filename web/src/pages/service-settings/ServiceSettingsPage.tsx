import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ClassifierRules,
  HotSpotSettings,
  RevisitSettings,
  RoutingTable,
  SlaMatrix,
} from '../../api/types-service';
import { useUrlQuery } from '../../components/useUrlQuery';
import { ClassifierEditor } from './ClassifierEditor';
import { ClassifierEvaluationPanel } from './ClassifierEvaluationPanel';
import { HotSpotSettingsEditor } from './HotSpotSettingsEditor';
import { RevisitEditor } from './RevisitEditor';
import { RoutingEditor } from './RoutingEditor';
import { SettingsTab } from './SettingsTab';
import { SlaMatrixEditor } from './SlaMatrixEditor';

const TABS = ['routing', 'sla', 'classifier', 'revisit', 'hot-spots'] as const;
type Tab = (typeof TABS)[number];

/** The service desk's editable documents (service.manage), each versioned and saved whole with a note. */
export function ServiceSettingsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useUrlQuery(['tab'] as const);
  const tab: Tab = TABS.find((candidate) => candidate === query.tab) ?? 'routing';
  const label = (key: Tab, text: string) => <span data-testid={`service-settings-tab-${key}`}>{text}</span>;

  return (
    <Flex vertical gap={16} data-testid="service-settings-page">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('service.settings.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('service.settings.subtitle')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setQuery({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'routing',
            label: label('routing', t('service.settings.tabs.routing')),
            children: (
              <SettingsTab<RoutingTable>
                kind="routing"
                testId="settings-routing"
                description={t('service.settings.routing.description')}
                editor={(props) => <RoutingEditor {...props} />}
              />
            ),
          },
          {
            key: 'sla',
            label: label('sla', t('service.settings.tabs.sla')),
            children: (
              <SettingsTab<SlaMatrix>
                kind="sla"
                testId="settings-sla"
                description={t('service.settings.sla.description')}
                editor={(props) => <SlaMatrixEditor {...props} />}
              />
            ),
          },
          {
            key: 'classifier',
            label: label('classifier', t('service.settings.tabs.classifier')),
            children: (
              <SettingsTab<ClassifierRules>
                kind="classifier"
                testId="settings-classifier"
                description={t('service.settings.classifier.description')}
                editor={(props) => <ClassifierEditor {...props} />}
                aside={<ClassifierEvaluationPanel />}
              />
            ),
          },
          {
            key: 'revisit',
            label: label('revisit', t('service.settings.tabs.revisit')),
            children: (
              <SettingsTab<RevisitSettings>
                kind="revisit"
                testId="settings-revisit"
                description={t('service.settings.revisit.description')}
                editor={(props) => <RevisitEditor {...props} />}
              />
            ),
          },
          {
            key: 'hot-spots',
            label: label('hot-spots', t('service.settings.tabs.hotSpots')),
            children: (
              <SettingsTab<HotSpotSettings>
                kind="hot-spots"
                testId="settings-hot-spots"
                description={t('service.settings.hotSpots.description')}
                editor={(props) => <HotSpotSettingsEditor {...props} />}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}
