"""`regindex build` and `regindex serve`: the site, through MkDocs (see mkdocs.yml)."""

from __future__ import annotations

import click

from . import cli, folder_option, jobs_option


@cli.command("build")
@folder_option
@click.option("--site-dir", type=click.Path(file_okay=False), default=None,
              help="Thư mục ghi trang (mặc định: site/, theo mkdocs.yml).")
@click.option("--strict", is_flag=True,
              help="Coi cảnh báo là lỗi: không thay trang cũ khi còn cảnh báo.")
@jobs_option("dựng trang")
def build_command(folder, site_dir, strict, jobs):
    """Dựng trang web tĩnh từ thư mục văn bản.

    Trang mới chỉ thay trang cũ khi dựng thành công; mở site/index.html bằng trình
    duyệt (cả khi không có mạng), hoặc chép cả thư mục lên máy chủ web.
    """
    from ..site import build_site   # MkDocs: imported only by the commands that use it
    result = build_site(folder, site_dir, strict=strict, jobs=jobs)
    for warning in result.warnings:
        click.echo(f"cảnh báo: {warning}", err=True)
    click.echo(f"đã dựng {result.pages} trang vào {result.site_dir}/ "
               f"(mở {result.site_dir / 'index.html'})")


@cli.command("serve")
@folder_option
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Cổng của máy chủ xem thử.")
@jobs_option("dựng trang")
def serve_command(folder, port, jobs):
    """Dựng trang và mở máy chủ xem thử tại http://127.0.0.1:PORT; trang tự dựng lại
    khi một tệp văn bản thay đổi. Dừng bằng Ctrl+C."""
    from ..site import serve_site
    serve_site(folder, port, jobs=jobs)
