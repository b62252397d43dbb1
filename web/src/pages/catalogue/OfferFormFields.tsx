import { useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchScripts, svKeys } from '../../api/supervision';
import { OFFER_CHANNELS, OFFER_KINDS, OFFER_RULES, PLAN_MOVE_KINDS } from '../../api/types-supervision';
import { currentLanguage } from '../../i18n';
import { type CodeGroup, codeLabel } from '../../i18n/codes';
import type { OfferFormValues } from './offerForm';

const FULL = { width: '100%' } as const;
const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'];
const RISK_BANDS = ['low', 'medium', 'high', 'very_high'];
const SEGMENTS = ['price', 'service', 'brand', 'security'];
const SIGNALS = [
  'CONTRACT_EXPIRING',
  'USAGE_DROP',
  'COMPETITOR_MARKETING',
  'ZERO_CALL_DAYS',
  'COMPETITOR_HOTLINE',
  'ARPU_DECLINE',
  'OPEN_COMPLAINT',
  'ARREARS_SUSPENDED',
  'DATA_OVERAGE',
];
const SCENE_TAGS = ['family', 'business_traveller', 'student'];

/** The offer's fields: identity and texts, who it is for, what it costs, where and when it applies. */
export function OfferFormFields({ creating }: { creating: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const scripts = useQuery({ queryKey: svKeys.scripts, queryFn: fetchScripts, staleTime: 60_000 });
  const kind = Form.useWatch<string | undefined>('kind');
  const required = { required: true, message: t('catalogue.offers.required') };
  const codes = (values: string[], group: CodeGroup) =>
    values.map((code) => ({ value: code, label: codeLabel(t, group, code) }));

  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item<OfferFormValues>
            name="code"
            label={t('catalogue.offers.code')}
            extra={creating ? t('catalogue.offers.codeHelp') : undefined}
            rules={
              creating
                ? [required, { pattern: /^[A-Z][A-Z0-9_]{1,39}$/, message: t('catalogue.offers.codeHelp') }]
                : []
            }
          >
            <Input disabled={!creating} data-testid="offer-code" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item<OfferFormValues>
            name="isActive"
            label={t('catalogue.offers.isActive')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item<OfferFormValues> name="rule" label={t('catalogue.offers.rule')} rules={[required]}>
            <Select options={OFFER_RULES.map((r) => ({ value: r, label: t(`catalogue.rules.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item<OfferFormValues> name="kind" label={t('catalogue.offers.kind')} rules={[required]}>
            <Select options={OFFER_KINDS.map((k) => ({ value: k, label: t(`catalogue.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item<OfferFormValues>
            name="nameZh"
            label={t('catalogue.offers.nameZh')}
            rules={[required, { max: 60 }]}
          >
            <Input data-testid="offer-name-zh" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item<OfferFormValues>
            name="nameEn"
            label={t('catalogue.offers.nameEn')}
            rules={[required, { max: 80 }]}
          >
            <Input data-testid="offer-name-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item<OfferFormValues>
        name="descriptionZh"
        label={t('catalogue.offers.descriptionZh')}
        rules={[{ max: 500 }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item<OfferFormValues>
        name="descriptionEn"
        label={t('catalogue.offers.descriptionEn')}
        rules={[{ max: 800 }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>

      <Divider titlePlacement="start">{t('catalogue.offers.costAndUse')}</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item<OfferFormValues> name="costYuan" label={t('catalogue.offers.cost')} rules={[required]}>
            <InputNumber
              style={FULL}
              min={0}
              max={100_000}
              precision={2}
              suffix={t('catalogue.offers.yuan')}
              data-testid="offer-cost"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item<OfferFormValues> name="channel" label={t('catalogue.offers.channel')} rules={[required]}>
            <Select
              options={OFFER_CHANNELS.map((c) => ({ value: c, label: t(`catalogue.channels.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item<OfferFormValues>
            name="targetPlanCode"
            label={t('catalogue.offers.targetPlan')}
            rules={kind && PLAN_MOVE_KINDS.includes(kind) ? [required] : []}
          >
            <Input placeholder={t('catalogue.offers.targetPlanHelp')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item<OfferFormValues> name="scriptCode" label={t('catalogue.offers.script')}>
        <Select
          allowClear
          loading={scripts.isPending}
          options={(scripts.data?.items ?? []).map((s) => ({
            value: s.code,
            label: `${lang === 'zh-CN' ? s.titleZh : s.titleEn} (${s.code})`,
          }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item<OfferFormValues>
            name="validFrom"
            label={t('catalogue.offers.validFrom')}
            rules={[required]}
          >
            <DatePicker style={FULL} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item<OfferFormValues> name="validTo" label={t('catalogue.offers.validTo')}>
            <DatePicker style={FULL} placeholder={t('catalogue.offers.noEnd')} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('catalogue.offers.eligibility')}</Divider>
      <Form.Item name={['eligibility', 'tiers']} label={t('catalogue.eligibility.tiers')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('catalogue.eligibility.anyone')}
          options={codes(TIERS, 'tier')}
        />
      </Form.Item>
      <Form.Item name={['eligibility', 'riskBands']} label={t('catalogue.eligibility.riskBands')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('catalogue.eligibility.anyone')}
          options={codes(RISK_BANDS, 'riskBand')}
        />
      </Form.Item>
      <Form.Item name={['eligibility', 'segments']} label={t('catalogue.eligibility.segments')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('catalogue.eligibility.anyone')}
          options={codes(SEGMENTS, 'segment')}
        />
      </Form.Item>
      <Form.Item name={['eligibility', 'signals']} label={t('catalogue.eligibility.signals')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('catalogue.eligibility.anyone')}
          options={codes(SIGNALS, 'signal')}
        />
      </Form.Item>
      <Form.Item name={['eligibility', 'sceneTags']} label={t('catalogue.eligibility.sceneTags')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('catalogue.eligibility.anyone')}
          options={codes(SCENE_TAGS, 'sceneTag')}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item name={['eligibility', 'planCodes']} label={t('catalogue.eligibility.planCodes')}>
            <Select
              mode="tags"
              open={false}
              allowClear
              placeholder={t('catalogue.eligibility.anyPlan')}
              tokenSeparators={[',', ' ']}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name={['eligibility', 'minTenureMonths']}
            label={t('catalogue.eligibility.minTenureMonths')}
          >
            <InputNumber style={FULL} min={0} max={1200} precision={0} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
