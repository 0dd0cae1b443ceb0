// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../renderer/src/components/Composer';

afterEach(cleanup);

const box = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

describe('Composer', () => {
  it('is a labelled textbox; Enter sends the trimmed text and clears it', async () => {
    const onSend = vi.fn();
    render(<Composer busy={false} onSend={onSend} />);
    await userEvent.type(box(), '  what is S3?  {Enter}');
    expect(onSend).toHaveBeenCalledWith('what is S3?');
    expect(box().value).toBe('');
  });

  it('Shift+Enter starts a new line instead of sending', async () => {
    const onSend = vi.fn();
    render(<Composer busy={false} onSend={onSend} />);
    await userEvent.type(box(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box().value).toBe('line one\nline two');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('line one\nline two');
  });

  it('does not send while busy (Send disabled, Enter ignored, text kept)', async () => {
    const onSend = vi.fn();
    render(<Composer busy onSend={onSend} />);
    await userEvent.type(box(), 'next question{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(box().value).toBe('next question');
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Nimbus is answering…')).toBeTruthy();
  });

  it('says when the text is over the length limit and refuses to send it', async () => {
    const onSend = vi.fn();
    render(<Composer busy={false} onSend={onSend} maxChars={20} />);
    fireEvent.change(box(), { target: { value: 'x'.repeat(17) } });
    expect(screen.getByText('3 characters left.')).toBeTruthy();
    fireEvent.change(box(), { target: { value: 'x'.repeat(25) } });
    expect(screen.getByText('That’s 25 characters: messages can be up to 20.')).toBeTruthy();
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('shows no mic without a voice context (voice messages need the app around it)', () => {
    render(<Composer busy={false} onSend={() => {}} onVoice={() => {}} />);
    expect(screen.queryByRole('button', { name: /voice message/ })).toBeNull();
  });
});
