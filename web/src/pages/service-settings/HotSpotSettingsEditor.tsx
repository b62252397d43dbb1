import { Flex, InputNumber, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HotSpotSettings } from '../../api/types-service';
import { FieldProblem } from './FieldProblem';
import type { EditorProps } from './SettingsTab';
import { problemAt } from './settingsProblems';

type NumberField = Exclude<keyof HotSpotSettings, 'method'>;

const NUMBERS: readonly { key: NumberField; min: number; max?: number; step: number; precision?: number }[] =
  [
    { key: 'q', min: 0.001, max: 1, step: 0.01 },
    { key: 'minCount', min: 1, step: 1, precision: 0 },
    { key: 'minRatio', min: 1, step: 0.5 },
    { key: 'baselineWeeks', min: 1, step: 1, precision: 0 },
    { key: 'minBaselineWeeks', min: 1, step: 1, precision: 0 },
    { key: 'baselineFloor', min: 0.01, step: 0.1 },
  ];

/** The hot-spot test: false discovery rate, practical floors and the baseline it compares against. */
export function HotSpotSettingsEditor({ value, onChange, problems }: EditorProps<HotSpotSettings>) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      {NUMBERS.map(({ key, ...limits }) => (
        <Flex vertical gap={4} key={key}>
          <Typography.Text>{t(`service.settings.hotSpots.${key}`)}</Typography.Text>
          <InputNumber
            value={value[key]}
            {...limits}
            status={problemAt(problems, [key]) ? 'error' : undefined}
            onChange={(next) => {
              if (typeof next === 'number') onChange({ ...value, [key]: next });
            }}
            data-testid={`hot-spot-settings-${key}`}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`service.settings.hotSpots.${key}Help`)}
          </Typography.Text>
          <FieldProblem message={problemAt(problems, [key])} testId={`hot-spot-settings-${key}-problem`} />
        </Flex>
      ))}
      <Flex vertical gap={4}>
        <Typography.Text>{t('service.settings.hotSpots.method')}</Typography.Text>
        <Radio.Group
          value={value.method}
          onChange={(event) => onChange({ ...value, method: event.target.value })}
          options={[
            { value: 'conditional', label: t('service.settings.hotSpots.conditional') },
            { value: 'poisson', label: t('service.settings.hotSpots.poisson') },
          ]}
          data-testid="hot-spot-settings-method"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('service.settings.hotSpots.methodHelp')}
        </Typography.Text>
        <FieldProblem message={problemAt(problems, ['method'])} />
      </Flex>
    </Flex>
  );
}
