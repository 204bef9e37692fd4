import { MessagePage } from '@/components/shell/message-page';

export default function Forbidden() {
  return <MessagePage title="common.forbiddenTitle" body="common.forbiddenBody" />;
}
