/** Three dots in a tutor bubble while an answer is computed; announced once as a status. */
export function TypingIndicator() {
  return (
    <div className="msg tutor typing" role="status">
      <span className="avatar tutor" aria-hidden="true">
        N
      </span>
      <div className="bubble">
        <span className="visually-hidden">Nimbus is typing…</span>
        <span className="dots" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
      </div>
    </div>
  );
}
