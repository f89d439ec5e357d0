package vn.chiso.api.briefs;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** A PDF read back with PDFBox: its text (whole or per page), its fonts, its pages as images. */
record PdfText(byte[] bytes) {

    String text() {
        return read(doc -> new PDFTextStripper().getText(doc));
    }

    int pages() {
        return read(PDDocument::getNumberOfPages);
    }

    /** One page's text, 1-based. */
    String page(int number) {
        return read(doc -> {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(number);
            stripper.setEndPage(number);
            return stripper.getText(doc);
        });
    }

    /** Every font used on every page and in its forms (charts): its name and whether the PDF embeds it. */
    List<String> fonts() {
        return read(doc -> {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                fonts(page.getResources(), fonts);
            }
            return fonts;
        });
    }

    private static void fonts(PDResources resources, List<String> fonts) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            fonts.add(font.getName() + (font.isEmbedded() ? " embedded" : " NOT embedded"));
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                fonts(form.getResources(), fonts);
            }
        }
    }

    List<BufferedImage> images(float dpi) {
        return read(doc -> {
            PDFRenderer renderer = new PDFRenderer(doc);
            List<BufferedImage> images = new ArrayList<>();
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                images.add(renderer.renderImageWithDPI(i, dpi));
            }
            return images;
        });
    }

    private interface Reader<T> {
        T apply(PDDocument doc) throws IOException;
    }

    private <T> T read(Reader<T> reader) {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return reader.apply(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
