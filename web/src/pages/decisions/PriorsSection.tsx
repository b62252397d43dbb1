import { Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SAVING_ACTIONS } from '../../api/types-supervision';
import { tierOptions } from './leverOptions';
import { PercentInput } from './PercentInput';
import { RecordEditor } from './RecordEditor';

/** P(save | action) priors per action and tier, and how strongly they weigh against recorded outcomes. */
export function PriorsSection() {
  const { t } = useTranslation();
  return (
    <Card title={t('decisions.sections.priors')} size="small">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['pSave', 'priorStrength']}
            label={t('decisions.priors.strength')}
            extra={t('decisions.priors.strengthHelp')}
          >
            <InputNumber style={{ width: '100%' }} min={1} max={10_000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['pSave', 'lookbackDays']}
            label={t('decisions.priors.lookback')}
            extra={t('decisions.priors.lookbackHelp')}
          >
            <InputNumber
              style={{ width: '100%' }}
              min={1}
              max={1095}
              precision={0}
              suffix={t('decisions.days')}
            />
          </Form.Item>
        </Col>
      </Row>
      {SAVING_ACTIONS.map((action) => (
        <Row key={action} gutter={16} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
          <Col xs={24}>
            <Typography.Text strong>{t(`plan.actions.${action}`)}</Typography.Text>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['pSave', 'priors', action, 'default']} label={t('decisions.priors.default')}>
              <PercentInput testId={`lever-prior-${action}`} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name={['pSave', 'priors', action, 'byTier']} label={t('decisions.priors.byTier')}>
              <RecordEditor keys={tierOptions(t)} valueKind="percent" />
            </Form.Item>
          </Col>
        </Row>
      ))}
    </Card>
  );
}
