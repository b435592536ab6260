import { Image, Text, View } from '@tarojs/components';
import { fileUrl } from '../../api/files';
import { go } from '../../utils/routes';
import { inlineParts, parseAnswer } from './parse';
import './index.scss';

/** A line of an answer: text with links to pages of the mini-program. */
function Inline({ text }: { text: string }) {
  return (
    <Text className="kefu-answer__text">
      {inlineParts(text).map((part, i) =>
        part.page ? (
          <Text key={i} className="kefu-answer__link" data-testid="answer-link" onClick={() => go(part.page!)}>
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}

/** An FAQ answer as paragraphs, lists and images (mini-programs have no <ol>/<ul>, so markers are drawn). */
export function AnswerText({ text }: { text: string }) {
  const blocks = parseAnswer(text);
  return (
    <View className="kefu-answer">
      {blocks.map((block, index) =>
        block.type === 'paragraph' ? (
          <View key={index} className="kefu-answer__paragraph">
            <Inline text={block.text} />
          </View>
        ) : block.type === 'image' ? (
          <View key={index} className="kefu-answer__figure">
            <Image className="kefu-answer__image" data-testid="answer-image" src={fileUrl(block.src)} mode="widthFix" lazyLoad />
            {block.alt ? <Text className="kefu-answer__caption">{block.alt}</Text> : null}
          </View>
        ) : (
          <View key={index} className={`kefu-answer__list kefu-answer__list--${block.ordered ? 'ordered' : 'bullet'}`}>
            {block.items.map((item, i) => (
              <View key={i} className="kefu-answer__item">
                <Text className="kefu-answer__marker">{block.ordered ? `${block.start + i}.` : '•'}</Text>
                <Inline text={item} />
              </View>
            ))}
          </View>
        ),
      )}
    </View>
  );
}
