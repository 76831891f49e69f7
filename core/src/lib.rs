//! The functional core of Overdue: everything that computes, with no browser in sight.
//!
//! The page is a pure function of one [`workspace::Workspace`] value and an as-of date:
//! [`report::derive`] turns what the user gave (pasted text, settings) into everything the page
//! shows. Nothing here reads the clock, touches the DOM or panics on user input; the Yew shell in
//! the `overdue` crate only wires these functions to the page.

pub mod aging;
pub mod calendar;
pub mod charges;
pub mod credit;
pub mod dates;
pub mod edit;
pub mod export;
mod groups;
pub mod i18n;
pub mod letters;
pub mod limits;
pub mod money;
pub mod pace;
pub mod paste;
pub mod playbook;
pub mod report;
pub mod review;
pub mod rows;
pub mod sample;
pub mod share;
pub mod share_review;
pub mod stages;
pub mod text;
pub mod views_support;
pub mod workbook;
pub mod workspace;
