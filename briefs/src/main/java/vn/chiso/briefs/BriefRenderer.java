package vn.chiso.briefs;

import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import vn.chiso.briefs.model.NationalBrief;
import vn.chiso.briefs.model.ProvinceBrief;

/**
 * Renders briefs: Thymeleaf templates (XHTML, Vietnamese labels) to HTML, HTML to PDF with
 * openhtmltopdf, DejaVu Sans (from the jasperreports-fonts jar on the classpath) embedded as a subset.
 * Thread-safe; one instance serves every request.
 */
public final class BriefRenderer {

    /** The font every page is set in: full Vietnamese coverage. */
    public static final String FONT = "DejaVu Sans";

    private static final String FONT_DIR = "net/sf/jasperreports/fonts/dejavu/";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    /** Font files and their metrics, read once per JVM (parsing a TTF costs more than laying out a page). */
    private static final Map<String, byte[]> FONTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final FSDefaultCacheStore METRICS = new FSDefaultCacheStore();

    private final TemplateEngine templates = new TemplateEngine();
    private final VietnameseFormat format = new VietnameseFormat();

    public BriefRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(BriefRenderer.class.getClassLoader());
        resolver.setPrefix("briefs/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        templates.setTemplateResolver(resolver);
    }

    public String html(ProvinceBrief brief) {
        return render("province", Map.of("brief", brief));
    }

    public String html(NationalBrief brief) {
        return render("national", Map.of("brief", brief));
    }

    public byte[] pdf(ProvinceBrief brief) {
        return pdf(html(brief));
    }

    public byte[] pdf(NationalBrief brief) {
        return pdf(html(brief));
    }

    private String render(String template, Map<String, Object> variables) {
        Context context = new Context(VIETNAMESE);
        context.setVariables(variables);
        context.setVariable("f", format);
        context.setVariable("names", new IndexLabels());
        context.setVariable("css", stylesheet());
        return templates.process(template, context);
    }

    /** The HTML a template wrote, as a PDF with the font embedded. */
    public static byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, METRICS);
            builder.useFont(() -> font("DejaVuSans.ttf"), FONT, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT, 700, FontStyle.NORMAL, true);
            builder.useFont(() -> font("DejaVuSans-Oblique.ttf"), FONT, 400, FontStyle.ITALIC, true);
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String file) {
        return new ByteArrayInputStream(FONTS.computeIfAbsent(file, f -> {
            try (InputStream in = BriefRenderer.class.getClassLoader().getResourceAsStream(FONT_DIR + f)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "font " + FONT_DIR + f + " not on the classpath (jasperreports-fonts)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    private static String stylesheet() {
        try (InputStream in = BriefRenderer.class.getClassLoader().getResourceAsStream("briefs/brief.css")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index names for templates. */
    public static final class IndexLabels {
        public String of(String index) {
            return IndexNames.of(index);
        }
    }
}
