//! Pieces every report and receipt is made of: a section heading kept with what follows it,
//! and a table of figures (a label and its figures a row, figures lined up at the far edge).

use super::page::{Composer, Style};
use super::table::{Column, Table};

/// A section's heading, moved on with the start of its section when it would end a column.
pub fn heading(c: &mut Composer, text: &str) {
    c.space(10.0);
    c.need(60.0);
    c.paragraph(text, Style::bold(12.0));
    c.space(3.0);
}

/// Rows of a label and one figure or more, under `titles` (the first the label's).
pub fn figures(c: &mut Composer, titles: &[&str], rows: &[Vec<String>], rtl: bool) {
    let mut columns = Vec::with_capacity(titles.len());
    // With many figures a row, the label gives up room so "150,000.00 COP" keeps to one line.
    let label = if titles.len() > 4 { 1.1 } else { 2.2 };
    for (i, title) in titles.iter().enumerate() {
        columns.push(if i == 0 {
            Column::text(*title, label)
        } else {
            Column::figures(*title, 1.0)
        });
    }
    Table {
        columns,
        rtl,
        min_row: 0.0,
        grid: false,
        size: 9.5,
    }
    .draw(c, rows);
}
