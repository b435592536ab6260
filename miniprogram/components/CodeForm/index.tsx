// The one-code form behind joining a team (invitation code) and claiming a deployment (setup code):
// a code, an optional name, a submit button, errors in plain words, then a success card.
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { WhoAmI } from '../../../core/api';
import { ApiCallError, errorText } from '../../api/client';
import { useMe } from '../../hooks/useMe';
import { Button, Cell, CellGroup, Input } from '../nutui';
import './index.scss';

export interface CodeFormText {
  intro: string;
  code: string;
  codePlaceholder: string;
  name: string;
  namePlaceholder: string;
  submit: string;
  submitting: string;
  needCode: string;
  invalidInput: string;
  success: string;
}

interface Props {
  /** BEM block of the page (`kefu-join`); element classes and test ids derive from it. */
  block: string;
  text: CodeFormText;
  initialCode?: string;
  codeMaxLength: number;
  secret?: boolean;
  onSubmit(code: string, name: string | undefined): Promise<WhoAmI>;
  /** Lines and buttons under the success title. */
  renderSuccess(me: WhoAmI): ReactNode;
}

export function CodeForm({ block, text, initialCode = '', codeMaxLength, secret = false, onSubmit, renderSuccess }: Props) {
  const { reload: reloadMe } = useMe();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<WhoAmI | null>(null);
  const testId = block.replace(/^kefu-/, '');
  const cls = (element: string) => `kefu-code-form__${element} ${block}__${element}`;

  const submit = async () => {
    const trimmed = code.trim();
    if (trimmed === '') {
      setError(text.needCode);
      return;
    }
    setSubmitting(true);
    setError('');
    try {
      setDone(await onSubmit(trimmed, name.trim() || undefined));
      void reloadMe();
    } catch (err) {
      setError(err instanceof ApiCallError && err.code === 'INVALID_INPUT' ? text.invalidInput : errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <View className={`kefu-page ${block}`}>
        <View className={`kefu-card ${cls('success')}`} data-testid={`${testId}-success`}>
          <Text className={cls('success-title')}>{text.success}</Text>
          {renderSuccess(done)}
        </View>
      </View>
    );
  }

  return (
    <View className={`kefu-page ${block}`}>
      <View className={cls('intro')}>{text.intro}</View>
      <CellGroup className={cls('form')}>
        <Cell title={text.code} className={cls('field')}>
          <Input
            className={cls('code')}
            data-testid={`${testId}-code`}
            value={code}
            placeholder={text.codePlaceholder}
            type={secret ? 'password' : 'text'}
            maxLength={codeMaxLength}
            clearable={!secret}
            onChange={setCode}
          />
        </Cell>
        <Cell title={text.name} className={cls('field')}>
          <Input className={cls('name')} data-testid={`${testId}-name`} value={name} placeholder={text.namePlaceholder} maxLength={20} onChange={setName} />
        </Cell>
      </CellGroup>
      {error ? (
        <View className={cls('error')} data-testid={`${testId}-error`}>
          {error}
        </View>
      ) : null}
      <View className={cls('actions')}>
        <Button className={cls('submit')} data-testid={`${testId}-submit`} type="primary" block loading={submitting} disabled={submitting} onClick={() => void submit()}>
          {submitting ? text.submitting : text.submit}
        </Button>
      </View>
    </View>
  );
}

/** Classes for the lines and buttons of a success card. */
export const successLine = (block: string) => `kefu-code-form__line ${block}__line`;
export const successButton = (block: string) => `kefu-code-form__button ${block}__button`;
