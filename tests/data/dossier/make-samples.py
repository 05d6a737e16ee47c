#!/usr/bin/env python3
"""Makes the dossier sample files in this folder (run once; the files are
committed).  The office files are built part by part with zipfile, as small
as Word, Excel and LibreOffice still open; the images come from ImageMagick
and cwebp (Debian imagemagick, webp), only needed to remake them."""
import io, os, subprocess, zipfile

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)

def office(path, parts, streamed=False):
    """A ZIP of parts in order; streamed: written to a pipe-like stream, so
    every entry has a data descriptor (as streaming writers make them)."""
    if streamed:
        class Unseekable(io.RawIOBase):
            def __init__(self): self.buf = bytearray()
            def writable(self): return True
            def write(self, b): self.buf += b; return len(b)
        out = Unseekable()
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
            for name, data in parts:
                z.writestr(name, data)
        open(path, 'wb').write(bytes(out.buf))
        return
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            method = zipfile.ZIP_STORED if name == 'mimetype' else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name, (2022, 3, 16, 8, 0, 0)), data, compress_type=method)

rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="%s"/></Relationships>')
text = 'Báo cáo sáng kiến: Cải tiến quy trình đóng gói sản phẩm'

docx = [
    ('[Content_Types].xml',
     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
     '<Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
     'officedocument.wordprocessingml.document.main+xml"/></Types>'),
    ('_rels/.rels', rels % 'word/document.xml'),
    ('word/document.xml',
     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
     '<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>' % text),
]
xlsx = [
    ('[Content_Types].xml',
     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
     '<Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
     'officedocument.spreadsheetml.sheet.main+xml"/>'
     '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
     'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    ('_rels/.rels', rels % 'xl/workbook.xml'),
    ('xl/workbook.xml',
     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
     '<sheets><sheet name="Hiệu quả" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    ('xl/_rels/workbook.xml.rels',
     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
     'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    ('xl/worksheets/sheet1.xml',
     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
     '<row r="1"><c r="A1" t="inlineStr"><is><t>Tiết kiệm (đồng)</t></is></c>'
     '<c r="B1"><v>125000000</v></c></row></sheetData></worksheet>'),
]
odt = [
    ('mimetype', 'application/vnd.oasis.opendocument.text'),
    ('META-INF/manifest.xml',
     '<?xml version="1.0" encoding="UTF-8"?>\n'
     '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
     'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
     'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
     '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
     '</manifest:manifest>'),
    ('content.xml',
     '<?xml version="1.0" encoding="UTF-8"?>\n'
     '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
     '<office:body><office:text><text:p>%s</text:p></office:text></office:body>'
     '</office:document-content>' % text),
]

office('bao-cao.docx', docx)
office('bao-cao-streamed.docx', docx, streamed=True)
office('hieu-qua.xlsx', xlsx)
office('bao-cao.odt', odt)
# An ODF spreadsheet: a ZIP with a mimetype, but not a text document.
office('not-accepted.ods', [('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
                            odt[1], odt[2]])
# Word's and Excel's main parts in one archive: neither.
office('not-accepted-both.docx', docx + xlsx[2:])
# A ZIP that is no office file.
office('not-accepted.zip', [('readme.txt', 'không phải tài liệu văn phòng')])

# A one-page PDF, written by hand with a correct cross-reference table.
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
        b'/Resources << /Font << /F1 5 0 R >> >> >>',
        None,
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
stream = b'BT /F1 18 Tf 72 760 Td (To trinh cong nhan sang kien) Tj ET'
objs[3] = b'<< /Length %d >>\nstream\n%s\nendstream' % (len(stream), stream)
pdf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(pdf))
    pdf += b'%d 0 obj\n%s\nendobj\n' % (i, o)
xref = len(pdf)
pdf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
for off in offsets:
    pdf += b'%010d 00000 n \n' % off
pdf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
open('to-trinh.pdf', 'wb').write(pdf)

subprocess.check_call(['convert', '-size', '64x48', 'gradient:#1565c0-#ffca28',
                       '-strip', 'anh-cai-tien.png'])
subprocess.check_call(['convert', 'anh-cai-tien.png', '-quality', '80', 'anh-cai-tien.jpg'])
subprocess.check_call(['cwebp', '-quiet', '-q', '75', 'anh-cai-tien.png', '-o', 'anh-cai-tien.webp'])
open('not-accepted.txt', 'w').write('%s\n' % text)
# Text named like a PDF: the name does not make it one.
open('gia-mao.pdf', 'w').write('Đây không phải PDF.\n')
