// A button that opens the camera or the file picker (a hidden file input), for photos and scans of materials.
import { Button } from 'antd'
import { useRef } from 'react'

export function FileButton({ children, className, multiple, onFiles }: { children: string; className?: string; multiple?: boolean; onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <span className={className}>
      <Button onClick={() => input.current?.click()}>{children}</Button>
      <input ref={input} type="file" accept="image/jpeg,image/png,application/pdf" capture="environment" multiple={multiple} style={{ display: 'none' }} aria-label={children}
        onChange={(e) => { const files = Array.from(e.target.files ?? []); e.target.value = ''; if (files.length) onFiles(files) }} />
    </span>
  )
}
