import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { EmailContent } from "../enqueue-email";

/** A paragraph, or one clear call to action. */
export type EmailBlock = string | { button: { href: string; label: string } };

const styles = {
  body: { backgroundColor: "#f5f5f4", fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif", color: "#1c1917", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: "12px", maxWidth: "560px", margin: "0 auto", padding: "24px 28px" },
  text: { fontSize: "16px", lineHeight: "1.6", margin: "0 0 14px" },
  button: { backgroundColor: "#0f766e", color: "#ffffff", borderRadius: "8px", padding: "12px 20px", fontSize: "16px", fontWeight: 600, textDecoration: "none" },
  footer: { fontSize: "13px", lineHeight: "1.5", color: "#57534e", margin: "0" },
} as const;

function EmailLayout({ preview, blocks }: { preview: string; blocks: EmailBlock[] }) {
  return (
    <Html lang="en-GB">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {blocks.map((block, index) =>
            typeof block === "string" ? (
              <Text key={index} style={styles.text}>
                {block}
              </Text>
            ) : (
              <Section key={index} style={{ margin: "8px 0 20px" }}>
                <Button href={block.button.href} style={styles.button}>
                  {block.button.label}
                </Button>
              </Section>
            ),
          )}
          <Hr />
          <Text style={styles.footer}>The Vision · co-produced and co-delivered by people with lived experience of care and professionals, together.</Text>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * Every email's two parts from one list of blocks: HTML rendered by React Email, and a plain-text part
 * written out directly (links on their own, so they can be copied or read aloud exactly).
 */
export async function composeEmail(subject: string, blocks: EmailBlock[]): Promise<EmailContent> {
  const preview = blocks.find((block): block is string => typeof block === "string" && !/^Hello\b/.test(block)) ?? subject;
  const html = await render(<EmailLayout preview={preview} blocks={blocks} />);
  const text = blocks.map((block) => (typeof block === "string" ? block : `${block.button.label}: ${block.button.href}`)).join("\n\n");
  return { subject, text, html };
}
