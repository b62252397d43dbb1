import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { value: string; onSearch: (q: string) => void };

/** One box for MSISDN digits, a full number or the start of a name. */
export function SearchBar({ value, onSearch }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
        <Input
          size="large"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('subscribers.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="subscriber-search"
        />
        <Button size="large" type="primary" htmlType="submit" data-testid="subscriber-search-submit">
          {t('subscribers.searchButton')}
        </Button>
      </Space.Compact>
    </form>
  );
}
