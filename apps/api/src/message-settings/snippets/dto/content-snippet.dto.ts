import { PutContentSnippetRequest } from '@fieldbook/contracts';
import { TextField } from '../../../common/validation';

export const SNIPPET_TEXT_MAX = 2000;

export class PutContentSnippetDto implements PutContentSnippetRequest {
  @TextField({ max: SNIPPET_TEXT_MAX, example: 'Northwind Heating & Air', description: 'Plain text, 1–2000 characters; shown escaped in HTML messages' })
  text: string;
}
