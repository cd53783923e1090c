"""The report for the doctor: HTML from a Jinja2 template, printed to A4 PDF with WeasyPrint."""

from twitchcheck.reports.builder import (
    build_report_html,
    html_to_pdf,
    report_context,
    report_css,
    report_pdf_bytes,
    write_report_pdf,
)
from twitchcheck.reports.chart import svg_data_uri, timeline_svg

__all__ = [
    "build_report_html",
    "html_to_pdf",
    "report_context",
    "report_css",
    "report_pdf_bytes",
    "svg_data_uri",
    "timeline_svg",
    "write_report_pdf",
]
