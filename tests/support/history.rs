//! A bot's history of `n` status changes, every code unknown (`status_0` to `status_6`), with
//! timestamps that repeat every hour: the largest history the tests and benches read.

/// The JSON array of `n` changes.
pub fn unknown_changes(n: usize) -> String {
    let mut body = String::with_capacity(n * 64 + 2);
    body.push('[');
    for i in 0..n {
        if i > 0 {
            body.push(',');
        }
        let (m, s) = (i / 60 % 60, i % 60);
        body.push_str(&format!(
            r#"{{"code":"status_{}","created_at":"9999-12-31T23:{m:02}:{s:02}.{:06}Z"}}"#,
            i % 7,
            i % 1_000_000
        ));
    }
    body.push(']');
    body
}
