import { Text, View } from '@tarojs/components';
import { parseAnswer } from './parse';
import './index.scss';

/** An FAQ answer as paragraphs and lists (mini-programs have no <ol>/<ul>, so markers are drawn). */
export function AnswerText({ text }: { text: string }) {
  const blocks = parseAnswer(text);
  return (
    <View className="kefu-answer">
      {blocks.map((block, index) =>
        block.type === 'paragraph' ? (
          <View key={index} className="kefu-answer__paragraph">
            <Text className="kefu-answer__text">{block.text}</Text>
          </View>
        ) : (
          <View key={index} className={`kefu-answer__list kefu-answer__list--${block.ordered ? 'ordered' : 'bullet'}`}>
            {block.items.map((item, i) => (
              <View key={i} className="kefu-answer__item">
                <Text className="kefu-answer__marker">{block.ordered ? `${block.start + i}.` : '•'}</Text>
                <Text className="kefu-answer__text">{item}</Text>
              </View>
            ))}
          </View>
        ),
      )}
    </View>
  );
}
